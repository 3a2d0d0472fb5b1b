package io.callbridge.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each source sent: events by outcome, accepted events, rejected requests by reason, enrichments that
 * failed. Labels are the configured source names (or {@code api} for {@code POST /v1/events}) and fixed reasons:
 * never a call id or anything else a sender chooses.
 */
@ApplicationScoped
public class IngestMetrics {

    /** The source label of events posted in canonical form ({@code POST /v1/events}, its batch form). */
    public static final String CANONICAL_SOURCE = "api";
    /** The outcome label of events acknowledged by Kafka. */
    public static final String ACCEPTED = "accepted";

    private final MeterRegistry registry;
    // Looking a counter up in the registry builds its id and tags on every call: keep each one found.
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String source, int events) {
        counter("accepted", source, null, () -> Counter.builder("callbridge.ingest.accepted")
                .description("Events accepted and acknowledged by Kafka")
                .tag("source", source).register(registry)).increment(events);
        counter("events", source, ACCEPTED, () -> events(source, ACCEPTED)).increment(events);
    }

    /** @param reason {@code invalid}, {@code unauthorized}, {@code forbidden}, {@code unavailable} */
    public void rejected(String source, String reason) {
        counter("rejected", source, reason, () -> Counter.builder("callbridge.ingest.rejected")
                .description("Requests refused, by reason")
                .tag("source", source).tag("reason", reason).register(registry)).increment();
        counter("events", source, reason, () -> events(source, reason)).increment();
    }

    public void enrichmentFailed(String source) {
        counter("enrichment", source, null, () -> Counter.builder("callbridge.ingest.enrichment.failures")
                .description("Vendor API calls that failed after their retries; the event went out unenriched")
                .tag("source", source).register(registry)).increment();
    }

    private Counter events(String source, String outcome) {
        return Counter.builder("callbridge.ingest.events")
                .description("Events by source and outcome: accepted (acknowledged by Kafka, one per event) or the "
                        + "reason a notification was refused (one per notification)")
                .tag("source", source).tag("outcome", outcome).register(registry);
    }

    private Counter counter(String meter, String source, String qualifier,
                            java.util.function.Supplier<Counter> create) {
        String key = meter + '\u0000' + source + '\u0000' + qualifier;
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> create.get());
        }
        return counter;
    }

    /** The reason label of what refused a request: a problem's status, a validation failure, else {@code error}. */
    public static String reasonOf(Throwable failure) {
        if (failure instanceof io.callbridge.common.problem.ProblemException problem) {
            return reasonOf(problem.problem().status());
        }
        if (failure instanceof jakarta.validation.ConstraintViolationException) {
            return "invalid";
        }
        return "error";
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
