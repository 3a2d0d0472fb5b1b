package io.callbridge.click2call.audit;

import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Gets every status of a dial request onto {@code callbridge.dial-requests} at least once, off the path to the PBX:
 * the statement that sets a status also writes its record to the outbox ({@code dial_audit}); the record is published
 * at once and deleted (in batches) when Kafka acknowledged it. Records left behind, because Kafka refused or was
 * silent or the process died, are published again by whichever replica looks next.
 */
@ApplicationScoped
public class DialAudit {

    private static final Logger LOG = Logger.getLogger(DialAudit.class);

    private static final String DELETE = "DELETE FROM dial_audit WHERE id = ANY($1::bigint[])";

    /** Taken and deleted in one transaction that commits only once Kafka has them all: a failure leaves them. */
    private static final String TAKE_LEFT_BEHIND = """
            DELETE FROM dial_audit a USING dial_request r
            WHERE a.request_id = r.request_id
              AND a.id IN (SELECT id FROM dial_audit WHERE created_at < $1::timestamptz ORDER BY id LIMIT $2::int
                           FOR UPDATE SKIP LOCKED)
            RETURNING a.id, a.status, a.reason, a.occurred_at, r.request_id, r.tenant, r.agent, r.number_raw,
                      r.number_e164, r.caller_id, r.traceparent""";

    private final Pool pool;
    private final DialRequestPublisher publisher;
    private final AuditConfig config;
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    public DialAudit(Pool pool, DialRequestPublisher publisher, AuditConfig config) {
        this.pool = pool;
        this.publisher = publisher;
        this.config = config;
    }

    /**
     * Publishes the record of one status without waiting: once Kafka acknowledges it, its outbox row goes. A failure
     * leaves the row for {@link #resendLeftBehind()}.
     *
     * @param auditId     the record's outbox row
     * @param traceparent the W3C trace context of the request, or null
     */
    public void publish(long auditId, DialRequest status, String traceparent) {
        // deferred: whatever goes wrong with Kafka stays off the caller's path, which has already called the PBX
        Uni.createFrom().deferred(() -> publisher.publish(status, traceparent)).subscribe().with(
                acked -> acknowledged.add(auditId),
                failure -> LOG.warnf("Status %s of dial request %s not yet on Kafka (%s); it is published again later",
                        status.status(), status.requestId(), failure.toString()));
    }

    @Scheduled(every = "${callbridge.click2call.audit.flush-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deleteAcknowledged() {
        List<Long> ids = new ArrayList<>();
        for (Long id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(DELETE).execute(Tuple.of(ids.toArray(new Long[0])))
                .replaceWithVoid()
                // published again later: at least once allows the duplicate, losing none
                .onFailure().invoke(failure -> LOG.warnf("%d acknowledged audit records not deleted: %s", ids.size(),
                        failure.toString()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "${callbridge.click2call.audit.resend-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resendLeftBehind() {
        return resend()
                .onFailure().invoke(failure -> LOG.warnf("Audit records left behind not published yet: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** @return how many records left behind were published (and deleted) */
    public Uni<Integer> resend() {
        Instant before = Instant.now().minus(config.resendAfter());
        return pool.withTransaction(connection -> connection.preparedQuery(TAKE_LEFT_BEHIND)
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), config.resendBatch()))
                .chain(rows -> {
                    List<Uni<Void>> sent = new ArrayList<>();
                    List<Row> ordered = new ArrayList<>();
                    rows.forEach(ordered::add);
                    ordered.sort((a, b) -> Long.compare(a.getLong("id"), b.getLong("id")));
                    ordered.forEach(row -> sent.add(publisher.publish(statusOf(row), row.getString("traceparent"))));
                    if (sent.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(sent).andFailFast()
                            .ifNoItem().after(config.ackTimeout()).fail()
                            .replaceWith(sent.size());
                }));
    }

    /**
     * One status of a dial request as a row with the columns {@code request_id, tenant, agent, number_raw,
     * number_e164, caller_id} of {@code dial_request} and {@code status, reason, occurred_at} of {@code dial_audit}.
     */
    public static DialRequest statusOf(Row row) {
        return new DialRequest(DialRequest.SCHEMA_VERSION, row.getUUID("request_id"),
                TenantId.of(row.getString("tenant")), row.getString("agent"),
                new PhoneNumber(row.getString("number_raw"), row.getString("number_e164"), PhoneNumber.Type.E164),
                row.getString("caller_id"), DialRequest.DialStatus.valueOf(row.getString("status")),
                row.getString("reason"), row.getOffsetDateTime("occurred_at").toInstant());
    }
}
