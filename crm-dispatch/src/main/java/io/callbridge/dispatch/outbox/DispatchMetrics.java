package io.callbridge.dispatch.outbox;

import io.callbridge.dispatch.delivery.AttemptOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's metrics: attempts by outcome, settled deliveries by state, attempt latency (a histogram), the retry
 * backlog (pending deliveries) and the disabled endpoints. The last two are counted in PostgreSQL every 5 s, so every
 * instance reports the same figures.
 */
@ApplicationScoped
public class DispatchMetrics {

    private static final Logger LOG = Logger.getLogger(DispatchMetrics.class);
    private static final Duration COUNT_EVERY = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Pool pool;
    private final Vertx vertx;
    private final Timer latency;
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong disabled = new AtomicLong();
    private long timer = -1;

    DispatchMetrics(MeterRegistry registry, Pool pool, Vertx vertx) {
        this.registry = registry;
        this.pool = pool;
        this.vertx = vertx;
        this.latency = Timer.builder("callbridge.dispatch.attempt.latency")
                .description("How long CRMs took to answer an attempt, or to fail it")
                .publishPercentileHistogram()
                .register(registry);
        registry.gauge("callbridge.dispatch.backlog", backlog);
        registry.gauge("callbridge.dispatch.endpoints.disabled", disabled);
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(COUNT_EVERY.toMillis(), ignored -> count());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One attempt, and the state its delivery is in after it. */
    void attempted(AttemptOutcome outcome, DeliveryState state) {
        latency.record(outcome.latency());
        String key = outcome.verdict().name().toLowerCase(Locale.ROOT) + "/" + state.name().toLowerCase(Locale.ROOT);
        attempts.computeIfAbsent(key, ignored -> Counter.builder("callbridge.dispatch.attempts")
                .description("Attempts by outcome, and the state of their delivery after them")
                .tag("outcome", outcome.verdict().name().toLowerCase(Locale.ROOT))
                .tag("delivery", state.name().toLowerCase(Locale.ROOT))
                .register(registry)).increment();
    }

    private void count() {
        pool.query("""
                        SELECT (SELECT count(*) FROM delivery WHERE state = 'PENDING') AS backlog,
                               (SELECT count(*) FROM endpoint WHERE NOT enabled AND definition IS NOT NULL
                                    OR NOT enabled AND tenant IS NULL) AS disabled""")
                .execute().subscribe().with(rows -> {
                    Row row = rows.iterator().next();
                    backlog.set(row.getLong("backlog"));
                    disabled.set(row.getLong("disabled"));
                }, failure -> LOG.debugf("Could not count the backlog: %s", failure.getMessage()));
    }
}
