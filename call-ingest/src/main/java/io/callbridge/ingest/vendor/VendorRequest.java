package io.callbridge.ingest.vendor;

import io.callbridge.common.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification as the vendor sent it: its fields (query string, form or top-level JSON members, values as
 * text, in the order received) and when it arrived.
 */
public final class VendorRequest {

    private final Map<String, String> fields;
    private final Instant receivedAt;
    /** Loose name to the fields spelt that way, in the order received; built on the first loose look-up. */
    private Map<String, List<Map.Entry<String, String>>> looseIndex;

    /**
     * @param fields     the vendor's fields verbatim; they become the event's raw map
     * @param receivedAt when call-ingest received it
     */
    public VendorRequest(Map<String, String> fields, Instant receivedAt) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.receivedAt = receivedAt;
    }

    /** The vendor's fields verbatim; they become the event's raw map. */
    public Map<String, String> fields() {
        return fields;
    }

    /** When call-ingest received the notification. */
    public Instant receivedAt() {
        return receivedAt;
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
            List<Map.Entry<String, String>> spelt = looseIndex().get(loose(name));
            if (spelt == null) {
                continue;
            }
            for (Map.Entry<String, String> field : spelt) {
                if (field.getValue() != null && !field.getValue().isBlank()) {
                    return Optional.of(Map.entry(field.getKey(), field.getValue().trim()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether any field has one of these names, loosely. */
    public boolean hasLoosely(String... names) {
        for (String name : names) {
            if (looseIndex().containsKey(loose(name))) {
                return true;
            }
        }
        return false;
    }

    // Adapters look a dozen names up loosely per notification: each field's loose name is computed once.
    private Map<String, List<Map.Entry<String, String>>> looseIndex() {
        if (looseIndex == null) {
            Map<String, List<Map.Entry<String, String>>> index = new HashMap<>(fields.size() * 2);
            for (Map.Entry<String, String> field : fields.entrySet()) {
                index.computeIfAbsent(loose(field.getKey()), k -> new ArrayList<>(1)).add(field);
            }
            looseIndex = index;
        }
        return looseIndex;
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

    /**
     * The fields of an {@code application/x-www-form-urlencoded} body added to {@code into} (over what it holds,
     * e.g. the query string's), the first value of a repeated name winning within the body.
     *
     * @throws ProblemException 400 naming the field whose name or value is not URL-encoded (a {@code %} that is
     *                          not followed by two hex digits), instead of the decoder's exception, a 500
     */
    public static Map<String, String> formFields(String body, Map<String, String> into) {
        if (body == null || body.isEmpty()) {
            return into;
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = urlDecoded(rawName, rawName);
            form.putIfAbsent(name, equals < 0 ? "" : urlDecoded(pair.substring(equals + 1), name));
        }
        into.putAll(form);
        return into;
    }

    private static String urlDecoded(String text, String field) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "is not URL-encoded (a % must be followed by two hex digits)");
        }
    }

    /** The name lower-cased (ASCII) with everything but ASCII letters and digits dropped. */
    static String loose(String name) {
        StringBuilder loose = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                loose.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                loose.append(c);
            }
        }
        return loose.toString();
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

    @Override
    public boolean equals(Object other) {
        return other instanceof VendorRequest that && fields.equals(that.fields) && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, receivedAt);
    }

    @Override
    public String toString() {
        return "VendorRequest[fields=" + fields + ", receivedAt=" + receivedAt + "]";
    }
}
