package io.callbridge.ingest.vendor;

import io.callbridge.common.problem.ProblemException;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One notification as the vendor sent it: its fields (query string, form or top-level JSON members, values as
 * text, in the order received) and when it arrived.
 *
 * @param fields     the vendor's fields verbatim; they become the event's raw map
 * @param receivedAt when call-ingest received it
 */
public record VendorRequest(Map<String, String> fields, Instant receivedAt) {

    public VendorRequest {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The field's value, trimmed; empty when absent or blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** @throws ProblemException 400 naming the field when it is absent or blank */
    public String require(String name) {
        return get(name).orElseThrow(() -> ProblemException.badRequest(name, "is required"));
    }

    /**
     * A field looked up loosely, as ConVox's documents need: case-insensitive, with spaces, underscores and any
     * other punctuation ignored ({@code Agent_ID} = {@code AgentID}, {@code FOLLOWUP TIME} = {@code FOLLOWUP_TIME}).
     *
     * @return the first present spelling's value, with the name as received
     */
    public Optional<Map.Entry<String, String>> loosely(String... names) {
        for (String name : names) {
            String wanted = loose(name);
            for (Map.Entry<String, String> field : fields.entrySet()) {
                if (loose(field.getKey()).equals(wanted) && field.getValue() != null && !field.getValue().isBlank()) {
                    return Optional.of(Map.entry(field.getKey(), field.getValue().trim()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether any field has one of these names, loosely. */
    public boolean hasLoosely(String... names) {
        for (String name : names) {
            String wanted = loose(name);
            if (fields.keySet().stream().anyMatch(k -> loose(k).equals(wanted))) {
                return true;
            }
        }
        return false;
    }

    /** The first value of each field, added to {@code into}; no vendor document repeats a field. */
    public static Map<String, String> firstValues(jakarta.ws.rs.core.MultivaluedMap<String, String> values,
                                                  Map<String, String> into) {
        if (values != null) {
            values.forEach((name, list) -> {
                if (!list.isEmpty()) {
                    into.put(name, list.get(0));
                }
            });
        }
        return into;
    }

    static String loose(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** These fields without the named ones (a token sent in the query string is no vendor field). */
    public VendorRequest without(String name) {
        if (!fields.containsKey(name)) {
            return this;
        }
        Map<String, String> kept = new LinkedHashMap<>(fields);
        kept.remove(name);
        return new VendorRequest(kept, receivedAt);
    }
}
