package io.callbridge.dispatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one attempt to deliver went.
 *
 * @param verdict    what it means for the delivery
 * @param startedAt  when the request went out
 * @param latency    until the answer, or the failure
 * @param status     the HTTP status, when the CRM answered
 * @param outcome    in a few words: {@code HTTP 503}, {@code body not accepted}, the connection failure
 * @param response   the first 2 KB of the answer's body, when there was one
 * @param retryAfter the wait the CRM asked for (Retry-After on 429 or 503)
 */
public record AttemptOutcome(Verdict verdict, Instant startedAt, Duration latency, Optional<Integer> status,
                             String outcome, Optional<String> response, Optional<Duration> retryAfter) {

    public enum Verdict {
        /** The CRM took it. */
        DELIVERED,
        /** Try again, per the endpoint's schedule. */
        FAILED,
        /** The CRM said 410 Gone: the endpoint is disabled, the delivery waits for it to be enabled again. */
        GONE
    }
}
