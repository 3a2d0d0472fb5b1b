package io.callbridge.dispatch.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the attempts of a delivery are made: one delay before each, the first one included.
 *
 * @param delays the delay before each attempt; as many attempts as delays
 * @param jitter the random addition to each delay, as a fraction of it
 */
public record RetrySchedule(List<Duration> delays, double jitter) {

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay");
        }
    }

    static RetrySchedule of(DispatchConfig.Retry config) {
        return new RetrySchedule(config.schedule(), config.jitter());
    }

    public int maxAttempts() {
        return delays.size();
    }

    /** The delay before the first attempt, without jitter. */
    public Duration first() {
        return delays.get(0);
    }

    /** The delay before the next attempt, jittered; empty when the attempts made were the last. */
    public Optional<Duration> after(int attemptsMade) {
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration delay = delays.get(Math.max(attemptsMade, 0));
        long extra = (long) (delay.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
        return Optional.of(delay.plusMillis(extra));
    }
}
