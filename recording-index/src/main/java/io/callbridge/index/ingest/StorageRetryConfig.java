package io.callbridge.index.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long a batch of events whose storage failed (PostgreSQL restarting, a lost connection) is retried before its
 * events go to the dead-letter topic. Keep the whole retry window well under the Kafka connector's limit for an
 * unprocessed record ({@code throttled.unprocessed-record-max-age.ms}, 60 s), past which the service reports itself
 * unhealthy.
 */
@ConfigMapping(prefix = "callbridge.index.storage-retry")
public interface StorageRetryConfig {

    /** Pause before the first retry; each further retry waits twice as long, up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /** Longest pause between two retries. */
    @WithDefault("8s")
    Duration maxBackoff();

    /**
     * Retries of a batch (or, once a batch was refused for its data, of one event) that the database did not take
     * because it was unreachable, before its events are given up and sent to the dead-letter topic. An event refused
     * for its data is not retried.
     */
    @WithDefault("5")
    int maxRetries();
}
