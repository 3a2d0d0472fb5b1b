package io.callbridge.index.call;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The merge rule that makes the order in which a call's events arrive irrelevant: a value of the newest event
 * (by its {@code occurredAt}) replaces the stored one, a value of an older event only fills a gap.
 */
public final class Precedence {

    private final boolean newest;

    private Precedence(boolean newest) {
        this.newest = newest;
    }

    /**
     * @param occurredAt  when the incoming event happened
     * @param lastEventAt when the newest event applied so far happened; null before the first one
     */
    public static Precedence of(Instant occurredAt, Instant lastEventAt) {
        return new Precedence(lastEventAt == null || !occurredAt.isBefore(lastEventAt));
    }

    /** Whether the incoming value is to replace the stored one. */
    public boolean replaces(Object stored, Object incoming) {
        return incoming != null && (newest || stored == null);
    }

    public <T> T merge(T stored, T incoming) {
        return replaces(stored, incoming) ? incoming : stored;
    }

    /** Key by key, as for single values; a key the incoming map lacks keeps its stored value. */
    public Map<String, String> mergeEach(Map<String, String> stored, Map<String, String> incoming) {
        Map<String, String> merged = new HashMap<>(stored);
        incoming.forEach((key, value) -> merged.put(key, merge(merged.get(key), value)));
        return merged;
    }

    static Instant earliest(Instant stored, Instant incoming) {
        return stored == null || (incoming != null && incoming.isBefore(stored)) ? incoming : stored;
    }

    static Instant latest(Instant stored, Instant incoming) {
        return stored == null || (incoming != null && incoming.isAfter(stored)) ? incoming : stored;
    }
}
