package io.callbridge.dispatch.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a CRM answered.
 *
 * @param status     the HTTP status
 * @param body       the whole body, as UTF-8
 * @param retryAfter the {@code Retry-After} header, if any
 */
record CrmAnswer(int status, String body, Optional<String> retryAfter) {

    /** What the delivery log keeps of an answer. */
    static final int LOGGED_BYTES = 2048;

    static CrmAnswer of(int status, byte[] body, String retryAfter) {
        return new CrmAnswer(status, new String(body, StandardCharsets.UTF_8), Optional.ofNullable(retryAfter));
    }

    boolean is2xx() {
        return status / 100 == 2;
    }

    /** The first 2 KB of the body, without the NUL characters PostgreSQL's text cannot hold. */
    String logged() {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= LOGGED_BYTES) {
            return body.replace("\u0000", "");
        }
        try {
            // A character cut in two at the limit is left out.
            String head = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .decode(ByteBuffer.wrap(bytes, 0, LOGGED_BYTES)).toString();
            return head.replace("\u0000", "");
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("ignoring malformed input cannot fail", e);
        }
    }

    /**
     * The wait the CRM asked for: {@code Retry-After} in seconds or as an HTTP date (RFC 9110 10.2.3), honoured on
     * 429 and 503 only; empty when absent, unreadable or in the past.
     */
    Optional<Duration> requestedWait(Instant now) {
        if (status != 429 && status != 503) {
            return Optional.empty();
        }
        return retryAfter.map(String::trim).flatMap(value -> {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 10) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Duration wait = Duration.between(now,
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Optional.empty() : Optional.of(wait);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
