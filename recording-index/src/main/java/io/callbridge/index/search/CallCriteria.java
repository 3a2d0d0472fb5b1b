package io.callbridge.index.search;

import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;

import java.time.Instant;

/**
 * What the calls looked for have in common; a null criterion does not restrict. Numbers are match keys
 * ({@link io.callbridge.index.locale.TenantLocales#matchKeyOf}), not as the CRM wrote them.
 *
 * @param customer        the customer's number, as a match key
 * @param extension       the agent's extension
 * @param agentId         the agent's login
 * @param did             the DID or virtual number, as a match key
 * @param from            calls at or after this time
 * @param to              calls before this time
 * @param direction       inbound, outbound or internal
 * @param mode            how an outbound call was placed
 * @param outcome         answered, missed, ...
 * @param disposition     the agent's disposition, exactly
 * @param minDuration     total seconds at least
 * @param maxDuration     total seconds at most
 * @param hasRecording    whether the call has a recording
 * @param callReferenceId the call reference
 * @param callId          the vendor's id of the call
 */
public record CallCriteria(
        String customer,
        String extension,
        String agentId,
        String did,
        Instant from,
        Instant to,
        Direction direction,
        CallMode mode,
        Outcome outcome,
        String disposition,
        Integer minDuration,
        Integer maxDuration,
        Boolean hasRecording,
        String callReferenceId,
        String callId) {

    public static final CallCriteria ANY = new CallCriteria(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    public static CallCriteria ofCustomer(String customer) {
        return new CallCriteria(customer, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    public static CallCriteria between(Instant from, Instant to) {
        return new CallCriteria(null, null, null, null, from, to, null, null, null, null, null, null, null, null,
                null);
    }

    public static CallCriteria ofCallId(String callId) {
        return new CallCriteria(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                callId);
    }

    /** These criteria as conditions on {@code call c}. */
    public SqlConditions toConditions() {
        SqlConditions where = new SqlConditions();
        equal(where, "c.customer_match_key", customer);
        equal(where, "c.extension", extension);
        equal(where, "c.agent_id", agentId);
        equal(where, "c.did_match_key", did);
        if (from != null) {
            where.and("c.call_time >= " + where.bind(from));
        }
        if (to != null) {
            where.and("c.call_time < " + where.bind(to));
        }
        equal(where, "c.direction", direction == null ? null : direction.name());
        equal(where, "c.mode", mode == null ? null : mode.name());
        equal(where, "c.outcome", outcome == null ? null : outcome.name());
        equal(where, "c.disposition", disposition);
        if (minDuration != null) {
            where.and("c.total_seconds >= " + where.bind(minDuration));
        }
        if (maxDuration != null) {
            where.and("c.total_seconds <= " + where.bind(maxDuration));
        }
        if (hasRecording != null) {
            // the call's row carries its recordings (migration V5), null when it has none
            where.and("c.recordings IS " + (hasRecording ? "NOT " : "") + "NULL");
        }
        equal(where, "c.call_reference_id", callReferenceId);
        equal(where, "c.call_id", callId);
        return where;
    }

    private static void equal(SqlConditions where, String column, Object value) {
        if (value != null) {
            where.and(column + " = " + where.bind(value));
        }
    }
}
