package io.callbridge.index.search;

import io.callbridge.common.problem.ProblemException;
import io.callbridge.index.call.IndexedCall;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page ended: the keyset of its last call. Given out as an opaque cursor, so clients cannot come to depend
 * on its content.
 *
 * @param callTime the last call's time
 * @param callId   the last call's id
 */
public record CallPosition(Instant callTime, String callId) {

    private static final String VERSION = "c1";

    public static CallPosition of(IndexedCall call) {
        return new CallPosition(call.callTime, call.key.callId());
    }

    public String toCursor() {
        String plain = VERSION + ":" + callTime.getEpochSecond() + ":" + callTime.getNano() + ":" + callId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param parameter the request parameter that carried the cursor, named by the 400
     * @throws ProblemException 400 when the text is not a cursor this service gave out
     */
    public static CallPosition ofCursor(String cursor, String parameter) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw malformed(parameter);
            }
            return new CallPosition(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    parts[3]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw malformed(parameter);
        }
    }

    private static ProblemException malformed(String parameter) {
        return ProblemException.badRequest(parameter, "is not a cursor this API gave out");
    }
}
