package io.callbridge.ingest;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How call-ingest reads and publishes events. */
@ConfigMapping(prefix = "callbridge.ingest")
public interface IngestConfig {

    /**
     * ISO 3166 region in which numbers without a country code are read (a PBX in Israel sends {@code 033004799}).
     */
    String defaultRegion();

    /**
     * How long a request waits for Kafka to acknowledge its event before it is answered 503: the client retries,
     * and the event's deterministic id makes the retry harmless if the first write lands after all.
     */
    Duration publishTimeout();

    /** Seconds a client is told to wait ({@code Retry-After}) when Kafka did not acknowledge in time. */
    int retryAfter();
}
