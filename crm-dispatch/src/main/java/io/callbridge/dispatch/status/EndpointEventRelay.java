package io.callbridge.dispatch.status;

import io.callbridge.common.endpoint.EndpointStatusChanged;
import io.callbridge.common.endpoint.EndpointStatusChanged.EndpointStatus;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.CrmEndpoints;
import io.callbridge.dispatch.endpoint.DispatchConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the endpoint status changes that PostgreSQL recorded (table {@code endpoint_event}, written by a trigger
 * in the transaction that disabled or enabled the endpoint) to {@code callbridge.endpoint-events}, oldest first, and
 * marks each published once Kafka acknowledged it. Woken when this instance changed an endpoint, and every
 * {@code endpoint-events.poll-interval} for what a dead instance left: at least once, consumers drop repeats by
 * event id.
 */
@ApplicationScoped
public class EndpointEventRelay {

    private static final Logger LOG = Logger.getLogger(EndpointEventRelay.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final Pool pool;
    private final MutinyEmitter<EndpointStatusChanged> emitter;
    private final CrmEndpoints endpoints;
    private final DispatchConfig.EndpointEvents config;
    private final Vertx vertx;
    private final AtomicBoolean relaying = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped = true;
    private long timer = -1;

    EndpointEventRelay(Pool pool, @Channel("endpoint-events") MutinyEmitter<EndpointStatusChanged> emitter,
                       CrmEndpoints endpoints, DispatchConfig config, Vertx vertx) {
        this.pool = pool;
        this.emitter = emitter;
        this.endpoints = endpoints;
        this.config = config.endpointEvents();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        stopped = false;
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), ignored -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Publishes what is waiting now: an endpoint was just disabled or enabled. */
    public void wake() {
        if (stopped) {
            return;
        }
        if (!relaying.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        take().chain(this::publish).subscribe().with(published -> {
            relaying.set(false);
            if (published == BATCH || again.get()) {
                wake();
            }
        }, failure -> {
            relaying.set(false);
            LOG.warnf("Could not publish the endpoint status changes, trying again in %s: %s",
                    config.pollInterval(), failure.getMessage());
        });
    }

    /** Leases the oldest unpublished changes to this instance. */
    private Uni<List<Pending>> take() {
        return pool.preparedQuery("""
                        UPDATE endpoint_event SET leased_until = now() + $2 * interval '1 millisecond'
                        WHERE id IN (SELECT id FROM endpoint_event
                                     WHERE published_at IS NULL AND (leased_until IS NULL OR leased_until < now())
                                     ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
                        RETURNING id, event_id, endpoint, tenant, status, reason, failure_streak, occurred_at""")
                .execute(Tuple.of(BATCH, LEASE.toMillis()))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), event(row)));
                    }
                    pending.sort((a, b) -> Long.compare(a.id(), b.id()));
                    return pending;
                });
    }

    /** Publishes one after the other, in the order they happened; @return how many */
    private Uni<Integer> publish(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(change -> emitter.sendMessage(Message.of(change.event())
                                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                        .withKey(change.event().partitionKey()).build()))
                        .chain(() -> pool.preparedQuery(
                                        "UPDATE endpoint_event SET published_at = now() WHERE id = $1")
                                .execute(Tuple.of(change.id())))
                        .invoke(() -> LOG.infof("Endpoint '%s' of tenant %s is %s: %s", change.event().endpointId(),
                                change.event().tenant(), change.event().status(), change.event().reason())))
                .collect().asList()
                .map(List::size);
    }

    private EndpointStatusChanged event(Row row) {
        String key = row.getString("endpoint");
        String storedTenant = row.getString("tenant");
        // An API endpoint is '<tenant>/<name>'; a configured one has its configured tenant, or serves every tenant.
        TenantId tenant = storedTenant != null ? TenantId.of(storedTenant)
                : endpoints.named(key).flatMap(CrmEndpoint::tenant).orElse(config.operatorTenant());
        String endpointId = storedTenant != null && key.startsWith(storedTenant + "/")
                ? key.substring(storedTenant.length() + 1) : key;
        return new EndpointStatusChanged(EndpointStatusChanged.SCHEMA_VERSION, row.getUUID("event_id"), tenant,
                endpointId, EndpointStatus.valueOf(row.getString("status")), row.getString("reason"),
                row.getInteger("failure_streak"), row.getOffsetDateTime("occurred_at").toInstant());
    }

    private record Pending(long id, EndpointStatusChanged event) {
    }
}
