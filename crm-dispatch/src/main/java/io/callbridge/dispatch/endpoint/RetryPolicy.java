package io.callbridge.dispatch.endpoint;

import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * Retries of a failed attempt, in memory: exponential backoff with jitter, a few times.
 *
 * @param maxRetries     retries after the first attempt
 * @param initialBackoff the delay before the first retry, doubling with each
 * @param maxBackoff     the longest delay
 * @param jitter         the random fraction of each delay
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double jitter) {

    static RetryPolicy of(CrmEndpointConfig.Retry config) {
        return new RetryPolicy(config.maxRetries(), config.initialBackoff(), config.maxBackoff(), config.jitter());
    }

    /** The attempt, subscribed again after each failure until it succeeds or the retries are spent. */
    public <T> Uni<T> applyTo(Uni<T> attempt) {
        if (maxRetries == 0) {
            return attempt;
        }
        return attempt.onFailure().retry()
                .withBackOff(initialBackoff, maxBackoff)
                .withJitter(jitter)
                .atMost(maxRetries);
    }

    public int maxAttempts() {
        return maxRetries + 1;
    }
}
