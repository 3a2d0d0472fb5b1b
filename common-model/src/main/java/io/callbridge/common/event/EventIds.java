package io.callbridge.common.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID (version 5, SHA-1, RFC 9562) over the vendor's identity of the
 * event, so a PBX that sends the same notification twice produces the same id and consumers collapse it.
 */
public final class EventIds {

    /** The namespace of Callbridge call events; never change it, or every id changes. */
    static final UUID NAMESPACE = UUID.fromString("6f0a5c9e-1f0b-4c77-9a55-2f3c4d8e7b10");

    /** Separates the parts so that ("ab","c") and ("a","bc") never collide. */
    private static final char SEPARATOR = '\u001f';

    private EventIds() {
    }

    /**
     * @param source          the system and instance that reported the event
     * @param vendorCallId    the vendor's id of the call
     * @param kind            what happened
     * @param vendorTimestamp the vendor's own time of the event
     */
    public static UUID of(CallSource source, String vendorCallId, CallEventKind kind, Instant vendorTimestamp) {
        Objects.requireNonNull(source, "source");
        String name = String.join(String.valueOf(SEPARATOR),
                source.system().code(),
                source.instance(),
                Objects.requireNonNull(vendorCallId, "vendorCallId"),
                Objects.requireNonNull(kind, "kind").name(),
                Objects.requireNonNull(vendorTimestamp, "vendorTimestamp").toString());
        return nameBased(NAMESPACE, name);
    }

    /** The event id of an event built without one, from its own fields. */
    public static UUID of(CallEvent event) {
        return of(event.source(), event.callId(), event.kind(), event.times().occurredAt());
    }

    static UUID nameBased(UUID namespace, String name) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] hash = sha1(ByteBuffer.allocate(16 + nameBytes.length)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .put(nameBytes)
                .array());
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static byte[] sha1(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
