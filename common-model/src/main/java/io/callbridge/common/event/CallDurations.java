package io.callbridge.common.event;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * Durations in whole seconds; null when the source did not say.
 *
 * @param queue seconds spent waiting in a queue
 * @param ring  seconds spent ringing at the agent
 * @param talk  seconds of conversation
 * @param total seconds from start to end
 */
public record CallDurations(
        @PositiveOrZero Integer queue,
        @PositiveOrZero Integer ring,
        @PositiveOrZero Integer talk,
        @PositiveOrZero Integer total) {

    public static final CallDurations NONE = new CallDurations(null, null, null, null);
}
