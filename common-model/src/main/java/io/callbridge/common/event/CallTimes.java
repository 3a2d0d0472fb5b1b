package io.callbridge.common.event;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * The call's moments, in UTC. Vendors send local times without a zone; the adapter applies the source's
 * configured zone before they reach this type.
 *
 * @param occurredAt when the event itself happened (required)
 * @param startedAt  when the call started ringing or was dialed
 * @param answeredAt when a person answered
 * @param endedAt    when the call ended
 */
public record CallTimes(@NotNull Instant occurredAt, Instant startedAt, Instant answeredAt, Instant endedAt) {

    public static CallTimes at(Instant occurredAt) {
        return new CallTimes(occurredAt, null, null, null);
    }
}
