package io.callbridge.index.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the index is behind the topic, measured where it matters (a row visible to lookups):
 * <ul>
 * <li>{@code callbridge_recording_index_consumer_lag_seconds}: for the last batch committed, the time from the
 * oldest of its records reaching Kafka to the commit;</li>
 * <li>{@code callbridge_recording_index_indexing_delay_seconds}: the same per event, as a histogram;</li>
 * <li>{@code callbridge_recording_index_events_total{outcome}}: events stored, or sent to the dead-letter topic.</li>
 * </ul>
 * Kafka's own {@code kafka_consumer_fetch_manager_records_lag_max} (records not yet fetched) is bound by Quarkus.
 */
@ApplicationScoped
public class IndexingMetrics {

    private final Timer delay;
    private final Counter stored;
    private final Counter deadLettered;
    private final AtomicLong lastBatchLagMillis = new AtomicLong();

    public IndexingMetrics(MeterRegistry registry) {
        delay = Timer.builder("callbridge.recording_index.indexing.delay")
                .description("Time from an event reaching Kafka to its transaction committed")
                .publishPercentileHistogram()
                .register(registry);
        stored = Counter.builder("callbridge.recording_index.events")
                .description("Call events taken from Kafka, by what became of them")
                .tag("outcome", "stored").register(registry);
        deadLettered = Counter.builder("callbridge.recording_index.events")
                .description("Call events taken from Kafka, by what became of them")
                .tag("outcome", "dead-letter").register(registry);
        Gauge.builder("callbridge.recording_index.consumer.lag", lastBatchLagMillis, millis -> millis.get() / 1000.0)
                .description("For the last batch committed: seconds from its oldest record reaching Kafka to the commit")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * @param stored       when the records of the events stored reached Kafka
     * @param deadLettered how many records went to the dead-letter topic
     */
    public void batchCommitted(List<Instant> stored, int deadLettered) {
        Instant now = Instant.now();
        long oldest = 0;
        for (Instant timestamp : stored) {
            long millis = Math.max(0, Duration.between(timestamp, now).toMillis());
            delay.record(Duration.ofMillis(millis));
            oldest = Math.max(oldest, millis);
        }
        lastBatchLagMillis.set(oldest);
        this.stored.increment(stored.size());
        this.deadLettered.increment(deadLettered);
    }
}
