package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.Recording;
import io.callbridge.index.call.CallKey;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;
import io.callbridge.index.call.Precedence;
import io.callbridge.index.ingest.CallStatements.LockedCall;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies call events to the index, each exactly once, a whole batch in one transaction on the reactive pool, with a
 * fixed number of statements whatever the batch's size: learn which events are new, lock their calls (with their
 * recordings), merge in memory by {@link Precedence}, insert the new calls, write back the changed ones, insert the
 * new recordings and update the changed ones. No ORM: at the consumer's rate, Hibernate's flush, parameter binding
 * and cascades cost more than the statements.
 */
@ApplicationScoped
public class CallIndexer {

    private static final Logger LOG = Logger.getLogger(CallIndexer.class);

    private final Pool database;
    private final ProcessedEventRepository processedEvents;
    private final CallStatements calls;
    private final RecordingStatements recordings;

    public CallIndexer(Pool database, ProcessedEventRepository processedEvents, CallStatements calls,
                       RecordingStatements recordings) {
        this.database = database;
        this.processedEvents = processedEvents;
        this.calls = calls;
        this.recordings = recordings;
    }

    /** Applies the events, in their order, in one transaction: all of them or, on failure, none. */
    public Uni<Void> index(List<CallEvent> events) {
        return database.withTransaction(connection -> processedEvents.recordFirstSights(connection, events)
                .chain(firstSights -> {
                    List<CallEvent> fresh = firstOccurrences(events, firstSights);
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return calls.lockExisting(connection, fresh.stream().map(CallKey::of).toList())
                            .chain(locked -> write(connection, Merge.of(fresh, locked)));
                }));
    }

    /** The new events, each once: a duplicate within the batch shares its id with an event already taken. */
    private static List<CallEvent> firstOccurrences(List<CallEvent> events, Set<UUID> firstSights) {
        Set<UUID> taken = new HashSet<>();
        List<CallEvent> fresh = new ArrayList<>();
        for (CallEvent event : events) {
            if (firstSights.contains(event.eventId()) && taken.add(event.eventId())) {
                fresh.add(event);
            } else {
                LOG.debugf("Event %s of call %s was applied before; skipped", event.eventId(), event.callId());
            }
        }
        return fresh;
    }

    /** The calls before the recordings, which refer to them. */
    private Uni<Void> write(SqlConnection connection, Merge merge) {
        return calls.insert(connection, merge.newCalls)
                .chain(() -> calls.update(connection, merge.changedCalls))
                .chain(() -> recordings.insert(connection, merge.newRecordings))
                .chain(() -> recordings.update(connection, merge.changedRecordings));
    }

    /** A batch's events merged, in their order, into the calls and recordings the index has. */
    private static final class Merge {
        private final List<IndexedCall> newCalls = new ArrayList<>();
        private final List<IndexedCall> changedCalls = new ArrayList<>();
        private final List<IndexedRecording> newRecordings = new ArrayList<>();
        private final List<IndexedRecording> changedRecordings = new ArrayList<>();

        static Merge of(List<CallEvent> events, Map<CallKey, LockedCall> locked) {
            Merge merge = new Merge();
            Map<CallKey, IndexedCall> byKey = new LinkedHashMap<>();
            Map<RecordingKey, IndexedRecording> stored = new HashMap<>();
            Map<RecordingKey, StoredState> before = new HashMap<>();
            locked.values().forEach(call -> call.recordings().forEach(recording -> {
                RecordingKey key = RecordingKey.of(recording);
                if (stored.putIfAbsent(key, recording) == null) {
                    before.put(key, new StoredState(recording.fileName, recording.deletionProtected));
                }
            }));
            for (CallEvent event : events) {
                CallKey key = CallKey.of(event);
                IndexedCall call = byKey.computeIfAbsent(key, ignored -> {
                    LockedCall existing = locked.get(key);
                    if (existing != null) {
                        merge.changedCalls.add(existing.call());
                        return existing.call();
                    }
                    IndexedCall first = IndexedCall.of(key);
                    merge.newCalls.add(first);
                    return first;
                });
                Precedence precedence = call.precedenceOf(event);
                call.absorb(event, precedence);
                if (event.recording() != null) {
                    merge.absorbRecording(key, event.recording(), precedence, stored);
                }
            }
            before.forEach((key, state) -> {
                IndexedRecording recording = stored.get(key);
                if (!state.matches(recording)) {
                    merge.changedRecordings.add(recording);
                }
            });
            return merge;
        }

        private void absorbRecording(CallKey call, Recording recording, Precedence precedence,
                                     Map<RecordingKey, IndexedRecording> stored) {
            IndexedRecording.locationOf(recording).ifPresent(location -> {
                RecordingKey key = new RecordingKey(call, location);
                IndexedRecording known = stored.get(key);
                if (known == null) {
                    known = IndexedRecording.of(call, location);
                    stored.put(key, known);
                    newRecordings.add(known);
                }
                known.absorb(recording, precedence);
            });
        }
    }

    /** A recording is unique per call and location. */
    private record RecordingKey(CallKey call, String location) {
        static RecordingKey of(IndexedRecording recording) {
            return new RecordingKey(new CallKey(recording.tenant, recording.callId), recording.location);
        }
    }

    /** What the index had of a recording, to write back only the recordings the events changed. */
    private record StoredState(String fileName, Boolean deletionProtected) {
        boolean matches(IndexedRecording recording) {
            return Objects.equals(fileName, recording.fileName)
                    && Objects.equals(deletionProtected, recording.deletionProtected);
        }
    }
}
