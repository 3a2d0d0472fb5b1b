package io.callbridge.click2call.call;

import io.callbridge.click2call.audit.DialAudit;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.common.dial.DialRequest;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Gives up the dial requests left REQUESTED by a service that stopped (killed, or cut off from PostgreSQL) between
 * asking the PBX and storing its answer: after {@code callbridge.click2call.outcome-unknown.after} such a request
 * becomes FAILED, "outcome unknown", with its audit record. It is never dialed again: the PBX may have placed the call,
 * and an originate is never repeated blindly; the CRM, told FAILED with that reason, decides.
 * <p>
 * Every replica looks; one statement takes each request (its row locked, those locked by another replica or by the
 * statement storing the PBX's answer skipped) and only while it is still REQUESTED, so a request is given up once and
 * never one whose answer is being stored. Started with the application, so that a bound shorter than a PBX call stops
 * it at once.
 */
@Startup
@ApplicationScoped
public class UnknownOutcomes {

    /** The reason a request given up is FAILED with. */
    public static final String REASON = "outcome unknown: the service stopped during the PBX call";

    private static final Logger LOG = Logger.getLogger(UnknownOutcomes.class);

    private static final String GIVE_UP = """
            WITH given_up AS (
                UPDATE dial_request SET status = 'FAILED', reason = $2::text, updated_at = $3::timestamptz
                WHERE request_id IN (SELECT request_id FROM dial_request
                                     WHERE status = 'REQUESTED' AND requested_at < $1::timestamptz
                                     ORDER BY requested_at LIMIT $4::int
                                     FOR UPDATE SKIP LOCKED)
                  AND status = 'REQUESTED'
                RETURNING request_id, tenant, agent, number_raw, number_e164, caller_id, traceparent, status, reason,
                          updated_at AS occurred_at, requested_at),
            audited AS (
                INSERT INTO dial_audit (request_id, status, reason, occurred_at)
                SELECT request_id, status, reason, occurred_at FROM given_up
                RETURNING id, request_id)
            SELECT a.id AS audit_id, g.* FROM audited a JOIN given_up g ON g.request_id = a.request_id""";

    private final Pool pool;
    private final DialAudit audit;
    private final DialMetrics metrics;
    private final CallConfig.OutcomeUnknown config;

    public UnknownOutcomes(Pool pool, DialAudit audit, DialMetrics metrics, TenantDialers dialers,
                           CallConfig config) {
        this.pool = pool;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config.outcomeUnknown();
        requireLongerThanACall(this.config.after(), dialers.longestCall());
    }

    /** @throws IllegalStateException when requests still in their PBX call could be given up */
    static void requireLongerThanACall(Duration after, Duration longestCall) {
        if (after.compareTo(longestCall) <= 0) {
            throw new IllegalStateException("callbridge.click2call.outcome-unknown.after=" + after
                    + " would give up dial requests whose PBX call is still under way: a PBX call can take "
                    + longestCall + " (the dialers' timeouts)");
        }
    }

    @Scheduled(every = "${callbridge.click2call.outcome-unknown.check-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> giveUpOnSchedule() {
        return giveUp()
                .onFailure().invoke(failure -> LOG.warnf("Dial requests of unknown outcome not given up yet: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** @return how many dial requests were given up */
    public Uni<Integer> giveUp() {
        return giveUpFrom(Instant.now(), 0);
    }

    private Uni<Integer> giveUpFrom(Instant now, int sofar) {
        Tuple parameters = Tuple.of(DialAdmission.utc(now.minus(config.after())), REASON, DialAdmission.utc(now),
                config.batchSize());
        return pool.preparedQuery(GIVE_UP).execute(parameters).chain(rows -> {
            for (Row row : rows) {
                DialRequest failed = DialAudit.statusOf(row);
                LOG.warnf("Dial request %s given up: %s (asked for at %s)", failed.requestId(), REASON,
                        row.getOffsetDateTime("requested_at").toInstant());
                metrics.outcomeUnknown(failed);
                audit.publish(row.getLong("audit_id"), failed, row.getString("traceparent"));
            }
            return rows.size() < config.batchSize()
                    ? Uni.createFrom().item(sofar + rows.size())
                    : giveUpFrom(now, sofar + rows.size());
        });
    }
}
