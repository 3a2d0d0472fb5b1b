package io.callbridge.index.facade.recall;

import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;
import io.callbridge.index.call.RecordingRepository;
import io.callbridge.index.search.CallSearch;
import io.callbridge.index.search.SqlConditions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recall's matching of a CRM's question "the recording of extension X at time T (with number N)": the call on that
 * extension whose span contains T; else the call whose start is nearest to T within the tolerance. Among equally
 * good calls, the one with the customer number N wins (numbers compared by match key).
 */
@ApplicationScoped
public class RecordingMatcher {

    private final CallSearch search;
    private final RecordingRepository recordings;
    private final RecallConfig config;

    public RecordingMatcher(CallSearch search, RecordingRepository recordings, RecallConfig config) {
        this.search = search;
        this.recordings = recordings;
        this.config = config;
    }

    /**
     * @param customer the customer's match key, or null
     * @return the matched call's first recording; empty when no call matches or the matched call has none
     */
    @WithSession
    public Uni<Optional<IndexedRecording>> find(TenantId tenant, String extension, Instant at, String customer) {
        return matchingCall(tenant, extension, at, customer)
                .chain(call -> call.isEmpty() ? Uni.createFrom().item(Optional.<IndexedRecording>empty())
                        : recordings.ofCall(call.get().key).map(RecordingMatcher::first));
    }

    /** As {@link #find}, and the recording found is kept from retention from now on. */
    @WithTransaction
    public Uni<Optional<IndexedRecording>> findAndProtect(TenantId tenant, String extension, Instant at,
                                                          String customer) {
        return find(tenant, extension, at, customer).invoke(found -> found.ifPresent(recording ->
                recording.protectedOnRequest = true));
    }

    private Uni<Optional<IndexedCall>> matchingCall(TenantId tenant, String extension, Instant at, String customer) {
        SqlConditions where = new SqlConditions();
        String time = where.bind(at);
        String contains = "(c.call_time <= " + time + " AND coalesce(c.ended_at, c.call_time + c.total_seconds"
                + " * interval '1 second', c.call_time) >= " + time + ")";
        String distance = "abs(extract(epoch FROM c.call_time - " + time + "))";
        StringBuilder sql = new StringBuilder("SELECT c.* FROM call c WHERE c.tenant = ")
                .append(where.bind(tenant.value()))
                .append(" AND c.extension = ").append(where.bind(extension))
                .append(" AND c.call_time BETWEEN ").append(where.bind(at.minus(config.maxCallDuration())))
                .append(" AND ").append(where.bind(at.plus(config.tolerance())))
                .append(" AND (").append(contains)
                .append(" OR c.call_time >= ").append(where.bind(at.minus(config.tolerance()))).append(')')
                .append(" ORDER BY ").append(contains).append(" DESC, CASE WHEN ").append(contains)
                .append(" THEN 0 ELSE ").append(distance).append(" END");
        if (customer != null) {
            sql.append(", (c.customer_match_key IS NOT DISTINCT FROM ").append(where.bind(customer)).append(") DESC");
        }
        sql.append(", ").append(distance).append(", c.call_id LIMIT 1");
        return search.calls(sql.toString(), where.parameters())
                .map(calls -> calls.stream().findFirst());
    }

    private static Optional<IndexedRecording> first(List<IndexedRecording> recordings) {
        return recordings.stream().findFirst();
    }
}
