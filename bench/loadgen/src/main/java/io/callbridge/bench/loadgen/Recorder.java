package io.callbridge.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Latencies and answers of the measured window. Used from the one event loop thread only. */
final class Recorder {

    private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
    private final Histogram latenessMicros = new Histogram(60_000_000L, 3);
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long completed;
    private long failed;

    void record(long latencyNanos, int status) {
        latencyMicros.recordValue(Math.max(1, Math.min(latencyNanos / 1_000, latencyMicros.getHighestTrackableValue())));
        outcomes.merge("status " + status, 1L, Long::sum);
        completed++;
        if (status >= 400) {
            failed++;
        }
    }

    /** How long after its due time a request of the measured window was sent. */
    void recordLateness(long latenessNanos) {
        latenessMicros.recordValue(Math.min(latenessNanos / 1_000, latenessMicros.getHighestTrackableValue()));
    }

    void recordError(long latencyNanos, Throwable error) {
        latencyMicros.recordValue(Math.max(1, Math.min(latencyNanos / 1_000, latencyMicros.getHighestTrackableValue())));
        outcomes.merge(error.getClass().getSimpleName(), 1L, Long::sum);
        completed++;
        failed++;
    }

    long completed() {
        return completed;
    }

    /** The figures, as lines for a person and one JSON line for a script. */
    String report(LoadOptions options, double seconds, long notCompleted, boolean nativeTimers) {
        double achieved = completed / seconds;
        String rate = options.rate() == 0 ? "max (closed loop, " + options.connections() + " connections)"
                : options.rate() + "/s";
        String human = String.format(Locale.ROOT, """
                [%s] target rate: %s, measured %.1f s
                [%s] achieved: %.0f req/s, completed %d, failed %d, unfinished %d, answers %s
                [%s] latency ms (from intended start): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f
                """, options.label(), rate, seconds,
                options.label(), achieved, completed, failed, notCompleted, outcomes,
                options.label(), ms(50), ms(90), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1000.0);
        String json = String.format(Locale.ROOT,
                "{\"label\":\"%s\",\"targetRate\":%d,\"achievedRate\":%.1f,\"completed\":%d,\"failed\":%d,"
                        + "\"unfinished\":%d,\"p50ms\":%.3f,\"p90ms\":%.3f,\"p99ms\":%.3f,\"p999ms\":%.3f,\"maxms\":%.3f}",
                options.label(), options.rate(), achieved, completed, failed, notCompleted, ms(50), ms(90), ms(99),
                ms(99.9), latencyMicros.getMaxValue() / 1000.0);
        if (latenessMicros.getTotalCount() > 0) {
            human += String.format(Locale.ROOT,
                    "[%s] sent after their due time (%s timers), ms: p50 %.3f  p99 %.3f  max %.3f%n", options.label(),
                    nativeTimers ? "epoll" : "NIO", latenessMicros.getValueAtPercentile(50) / 1000.0,
                    latenessMicros.getValueAtPercentile(99) / 1000.0, latenessMicros.getMaxValue() / 1000.0);
        }
        return human + "RESULT " + json;
    }

    private double ms(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
