package io.callbridge.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** What each source sent: accepted events, rejected requests by reason, enrichments that failed. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String source, int events) {
        Counter.builder("callbridge.ingest.accepted").description("Events accepted and acknowledged by Kafka")
                .tag("source", source).register(registry).increment(events);
    }

    /** @param reason {@code invalid}, {@code unauthorized}, {@code forbidden}, {@code unavailable} */
    public void rejected(String source, String reason) {
        Counter.builder("callbridge.ingest.rejected").description("Requests refused, by reason")
                .tag("source", source).tag("reason", reason).register(registry).increment();
    }

    public void enrichmentFailed(String source) {
        Counter.builder("callbridge.ingest.enrichment.failures")
                .description("Vendor API calls that failed after their retries; the event went out unenriched")
                .tag("source", source).register(registry).increment();
    }

    /** The reason label of a refused request's status. */
    public static String reasonOf(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "unknown-source";
            case 503 -> "unavailable";
            default -> "status-" + status;
        };
    }
}
