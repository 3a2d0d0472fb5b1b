package io.callbridge.common.trace;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} ({@code version-traceid-parentid-flags}), as it travels from a PBX's or
 * CRM's HTTP request to the Kafka records it produced and on to each CRM delivery or PBX request. Callbridge records
 * no spans of its own; it keeps the caller's trace id so that one trace id follows a call through every service's logs
 * and into the CRM. One parser for every service, so that all of them accept and refuse the same values.
 *
 * @param value the header value, validated
 */
public record TraceParent(String value) {

    /** The HTTP and Kafka header that carries it. */
    public static final String HEADER = "traceparent";

    private static final HexFormat HEX = HexFormat.of();

    public TraceParent {
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("not a W3C traceparent: " + value);
        }
    }

    /**
     * The trace context of a header value; empty when absent or malformed (the W3C rule: a receiver ignores an
     * invalid {@code traceparent} rather than refusing the request).
     */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        return wellFormed(trimmed) ? Optional.of(new TraceParent(trimmed)) : Optional.empty();
    }

    /** The trace context of a Kafka header's bytes; empty when absent or malformed. */
    public static Optional<TraceParent> parse(byte[] header) {
        return header == null ? Optional.empty() : parse(new String(header, StandardCharsets.US_ASCII));
    }

    /** A new trace, sampled, for a request that came without one. */
    public static TraceParent newTrace() {
        return new TraceParent("00-" + randomHex(16) + "-" + randomHex(8) + "-01");
    }

    /** The 32 hex digits that name the trace. */
    public String traceId() {
        return value.substring(3, 35);
    }

    /** The context of a request made on behalf of this one: the same trace and flags, a new parent id. */
    public TraceParent child() {
        return new TraceParent("00-" + traceId() + "-" + randomHex(8) + "-" + value.substring(53, 55));
    }

    /** The header value as bytes, for a Kafka record header. */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return value;
    }

    /** {@code 2 hex - 32 hex - 16 hex - 2 hex}, version not ff, version 00 exactly 55 long, ids not all zeros. */
    static boolean wellFormed(String value) {
        if (value == null || value.length() < 55 || (value.length() > 55 && value.charAt(55) != '-')
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return false;
        }
        if (!hex(value, 0, 2) || !hex(value, 3, 35) || !hex(value, 36, 52) || !hex(value, 53, 55)
                || value.startsWith("ff") || (value.startsWith("00") && value.length() != 55)) {
            return false;
        }
        return !zeros(value, 3, 35) && !zeros(value, 36, 52);
    }

    private static boolean hex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (allZero(random));
        return HEX.formatHex(random);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
