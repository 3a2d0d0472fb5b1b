package io.callbridge.click2call.call;

import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Decides in PostgreSQL whether a click is a new dial request, and stores it, in one statement: the dedupe claim of
 * the agent and number ({@code dial_dedupe}), the per-agent rate limit, the request row and its REQUESTED audit record.
 * It is the one durable write before the PBX is called. Two clicks arriving together, on any replica, meet on the
 * claim's row: the second waits for the first and finds it within the window.
 * <p>
 * Plain SQL on the reactive pool rather than Panache: one auto-committed statement is one round trip, where a
 * Hibernate Reactive transaction costs BEGIN, the statements and COMMIT on the path of every click.
 */
@ApplicationScoped
public class DialAdmission {

    private static final String ADMIT = """
            WITH recent AS (
                SELECT count(*) AS calls FROM dial_request
                WHERE tenant = $1::text AND agent = $2::text AND requested_at >= $9::timestamptz),
            claim AS (
                INSERT INTO dial_dedupe AS d (tenant, agent, number_e164, request_id, requested_at)
                SELECT $1, $2, $4::text, $5::uuid, $8::timestamptz FROM recent WHERE recent.calls < $10::bigint
                ON CONFLICT (tenant, agent, number_e164) DO UPDATE
                    SET request_id = excluded.request_id, requested_at = excluded.requested_at
                    WHERE d.requested_at < $11::timestamptz
                RETURNING request_id),
            stored AS (
                INSERT INTO dial_request (request_id, tenant, agent, pbx_agent, number_raw, number_e164, caller_id,
                                          status, requested_at, updated_at, traceparent)
                SELECT request_id, $1, $2, $3::text, $6::text, $4, $7::text, 'REQUESTED', $8, $8, $12::text FROM claim
                ON CONFLICT (request_id) DO NOTHING
                RETURNING request_id),
            audited AS (
                INSERT INTO dial_audit (request_id, status, occurred_at)
                SELECT request_id, 'REQUESTED', $8 FROM stored
                RETURNING id)
            SELECT (SELECT id FROM audited) AS audit_id, (SELECT calls FROM recent) AS calls""";

    /** The request this click repeats: its own id (a follow-up placed again), else the agent's claim of the number. */
    private static final String EARLIER = """
            SELECT r.* FROM dial_request r WHERE r.request_id = $5::uuid
            UNION ALL
            SELECT r.* FROM dial_dedupe d JOIN dial_request r ON r.request_id = d.request_id
            WHERE d.tenant = $1::text AND d.agent = $2::text AND d.number_e164 = $3::text
              AND d.requested_at >= $4::timestamptz
            LIMIT 1""";

    private static final String SETTLE = """
            WITH settled AS (
                UPDATE dial_request SET status = $2::text, reason = $3::text, pbx_call_id = $4::text,
                                        updated_at = $5::timestamptz
                WHERE request_id = $1::uuid AND status = 'REQUESTED'
                RETURNING request_id)
            INSERT INTO dial_audit (request_id, status, reason, occurred_at)
            SELECT request_id, $2, $3, $5 FROM settled
            RETURNING id""";

    private final Pool pool;
    private final CallConfig config;

    public DialAdmission(Pool pool, CallConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * @param traceparent the W3C trace context the CRM sent, kept for the request's audit records; or null
     * @return the stored request: the new one (status REQUESTED, {@link Admitted#fresh()}, with the id of its audit
     *         record), or the earlier one this click repeats (also a request of the same id stored before: a
     *         follow-up is placed under its own id, so placing it again never dials again)
     * @throws ProblemException 429 when the agent asked for more calls than the rate limit allows
     */
    public Uni<Admitted> admit(PbxCall call, String traceparent) {
        DialRequest requested = call.request();
        String tenant = requested.tenant().value();
        String number = requested.number().e164();
        Instant at = requested.occurredAt();
        CallConfig.RateLimit limit = config.rateLimit();
        int calls = rateLimitOf(tenant);
        OffsetDateTime windowStart = utc(at.minus(config.dedupe().window()));
        Tuple parameters = Tuple.tuple()
                .addValue(tenant)
                .addValue(requested.agent())
                .addValue(call.pbxAgent())
                .addValue(number)
                .addValue(requested.requestId())
                .addValue(requested.number().raw())
                .addValue(requested.callerId())
                .addValue(utc(at))
                .addValue(utc(at.minus(limit.period())))
                .addValue((long) calls)
                .addValue(windowStart)
                .addValue(traceparent);
        return pool.preparedQuery(ADMIT).execute(parameters)
                .map(rows -> rows.iterator().next())
                .chain(row -> {
                    Long auditId = row.getLong("audit_id");
                    if (auditId != null) {
                        return Uni.createFrom().item(new Admitted(DialRecord.of(requested, call.pbxAgent()), true,
                                auditId));
                    }
                    long recent = row.getLong("calls");
                    return pool.preparedQuery(EARLIER)
                            .execute(Tuple.of(tenant, requested.agent(), number, windowStart, requested.requestId()))
                            .map(earlier -> {
                                if (earlier.size() == 0) {
                                    throw overTheLimit(requested, recent, calls);
                                }
                                return new Admitted(DialRecords.fromRow(earlier.iterator().next()), false, null);
                            });
                });
    }

    private int rateLimitOf(String tenant) {
        CallConfig.TenantPbx pbx = config.tenants().get(tenant);
        int calls = config.rateLimit().calls();
        return pbx == null ? calls : pbx.rateLimitCalls().orElse(calls);
    }

    private ProblemException overTheLimit(DialRequest requested, long count, int calls) {
        CallConfig.RateLimit limit = config.rateLimit();
        return new ProblemException(new Problem("about:blank", "Too Many Requests", 429,
                "Agent '" + requested.agent() + "' asked for " + count + " calls within "
                        + limit.period().toSeconds() + " s, the limit is " + calls,
                List.of(new Problem.FieldError("agent", "over the rate limit"))),
                Map.of("Retry-After", Long.toString(limit.period().toSeconds())));
    }

    /**
     * Stores what the PBX answered, with its audit record, in one statement.
     *
     * @return the id of the audit record, or null when the request had already moved on (its call's events came first)
     */
    public Uni<Long> settle(DialRequest outcome, DialOutcome answer) {
        Tuple parameters = Tuple.tuple()
                .addValue(outcome.requestId())
                .addValue(outcome.status().name())
                .addValue(outcome.reason())
                .addValue(answer.pbxCallId())
                .addValue(utc(outcome.occurredAt()));
        return pool.preparedQuery(SETTLE).execute(parameters)
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /**
     * @param record  the stored request
     * @param fresh   whether this click made it; false when it repeats an earlier click
     * @param auditId the id of its REQUESTED audit record when fresh
     */
    public record Admitted(DialRecord record, boolean fresh, Long auditId) {
    }
}
