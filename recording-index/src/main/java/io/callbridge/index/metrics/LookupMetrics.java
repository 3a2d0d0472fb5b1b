package io.callbridge.index.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * How long the lookups take, per API, from the request's parameters read to the answer built:
 * {@code callbridge_recording_index_lookup_seconds{lookup, outcome}}, with a percentile histogram so that p50/p99
 * can be computed across instances ({@code histogram_quantile}).
 */
@ApplicationScoped
public class LookupMetrics {

    /** Recall's RetrieveRecFile, JSON, JSONP and SOAP. */
    public static final String RETRIEVE_REC_FILE = "retrieve-rec-file";
    /** GET /v1/calls. */
    public static final String SEARCH = "search";
    /** GET /v1/calls/{callId}. */
    public static final String CALL = "call";
    /** FixDigital's call list by number. */
    public static final String FIXDIGITAL_CALL_LIST = "fixdigital-call-list";
    /** Call Center Studio's reportsCDRLogs. */
    public static final String CCS_CDR_LOGS = "ccs-cdr-logs";
    /** UIS's get.call_legs_report. */
    public static final String UIS_CALL_LEGS = "uis-call-legs";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public LookupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The lookup, timed from subscription to its item or failure. */
    public <T> Uni<T> timed(String lookup, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return work.get()
                    .onItem().invoke(() -> record(lookup, "ok", start))
                    .onFailure().invoke(() -> record(lookup, "failed", start));
        });
    }

    private void record(String lookup, String outcome, long start) {
        timers.computeIfAbsent(lookup + '/' + outcome, ignored -> Timer.builder("callbridge.recording_index.lookup")
                        .description("Time to answer a lookup, per API")
                        .tag("lookup", lookup)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
