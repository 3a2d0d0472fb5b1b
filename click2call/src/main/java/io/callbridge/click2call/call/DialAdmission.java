package io.callbridge.click2call.call;

import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides in PostgreSQL whether a click is a new dial request: a repeat of the agent's request for the same number
 * within the dedupe window is that request, and an agent over the rate limit is refused. Every replica takes the
 * same database lock, so two clicks arriving together are one request wherever they land.
 */
@ApplicationScoped
public class DialAdmission {

    private final DialRecords records;
    private final CallConfig config;

    public DialAdmission(DialRecords records, CallConfig config) {
        this.records = records;
        this.config = config;
    }

    /**
     * @return the stored request: the new one (status REQUESTED, {@link Admitted#fresh()}), or the earlier one this
     *         click repeats
     * @throws ProblemException 429 when the agent asked for more calls than the rate limit allows
     */
    @WithTransaction
    public Uni<Admitted> admit(PbxCall call) {
        DialRequest requested = call.request();
        String tenant = requested.tenant().value();
        String number = requested.number().e164();
        Instant at = requested.occurredAt();
        return records.lockAgentNumber(tenant, requested.agent(), number)
                .chain(() -> records.newestSince(tenant, requested.agent(), number, at.minus(config.dedupe().window())))
                .chain(earlier -> earlier != null
                        ? Uni.createFrom().item(new Admitted(earlier, false))
                        : withinRateLimit(requested).chain(() -> records.persist(DialRecord.of(requested, call.pbxAgent())))
                                .map(stored -> new Admitted(stored, true)));
    }

    private Uni<Void> withinRateLimit(DialRequest requested) {
        CallConfig.RateLimit limit = config.rateLimit();
        CallConfig.TenantPbx pbx = config.tenants().get(requested.tenant().value());
        int calls = pbx == null ? limit.calls() : pbx.rateLimitCalls().orElse(limit.calls());
        return records.countSince(requested.tenant().value(), requested.agent(),
                        requested.occurredAt().minus(limit.period()))
                .invoke(count -> {
                    if (count >= calls) {
                        throw new ProblemException(new Problem("about:blank", "Too Many Requests", 429,
                                "Agent '" + requested.agent() + "' asked for " + count + " calls within "
                                        + limit.period().toSeconds() + " s, the limit is " + calls,
                                List.of(new Problem.FieldError("agent", "over the rate limit"))),
                                Map.of("Retry-After", Long.toString(limit.period().toSeconds())));
                    }
                })
                .replaceWithVoid();
    }

    /** Drops a request that was never dialed (Kafka did not take it), so that the CRM's retry is a new request. */
    @WithTransaction
    public Uni<Void> forget(UUID requestId) {
        return records.deleteById(requestId).replaceWithVoid();
    }

    /** Stores what the PBX answered. */
    @WithTransaction
    public Uni<Void> settle(DialRequest outcome, DialOutcome answer) {
        return records.findById(outcome.requestId()).invoke(record -> {
            record.status = outcome.status();
            record.reason = outcome.reason();
            record.pbxCallId = answer.pbxCallId();
            record.updatedAt = outcome.occurredAt();
        }).replaceWithVoid();
    }

    /**
     * @param record the stored request
     * @param fresh  whether this click made it; false when it repeats an earlier click
     */
    public record Admitted(DialRecord record, boolean fresh) {
    }
}
