package io.callbridge.index.facade.recall;

import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.search.SqlConditions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Recall's matching of a CRM's question "the recording of extension X at time T (with number N)": the call on that
 * extension whose span contains T; else the call whose start is nearest to T within the tolerance. Among equally
 * good calls, the one with the customer number N wins (numbers compared by match key). The call and its first
 * recording are found by one prepared statement (which also protects the recording when asked): this is the hot
 * lookup of every Recall client.
 */
@ApplicationScoped
public class RecordingMatcher {

    private final Pool database;
    private final RecallConfig config;

    public RecordingMatcher(Pool database, RecallConfig config) {
        this.database = database;
        this.config = config;
    }

    /**
     * @param customer the customer's match key, or null
     * @return the location of the matched call's first recording; empty when no call matches or the matched call
     *         has none
     */
    public Uni<Optional<String>> find(TenantId tenant, String extension, Instant at, String customer) {
        SqlConditions where = new SqlConditions();
        String call = matchingCall(where, tenant, extension, at, customer);
        String sql = "SELECT (SELECT r.location FROM recording r WHERE r.tenant = m.tenant AND r.call_id = m.call_id"
                + " ORDER BY r.id LIMIT 1) AS location FROM (" + call + ") m";
        return database.preparedQuery(sql).execute(where.tuple()).map(RecordingMatcher::location);
    }

    /**
     * As {@link #find}, and the recording found is kept from retention from now on (in the same statement). The call
     * is locked before its recording changes, in the consumer's order: the change updates the call's row too
     * (migration V5's trigger), and the other order could deadlock with a batch of the consumer.
     */
    public Uni<Optional<String>> findAndProtect(TenantId tenant, String extension, Instant at, String customer) {
        SqlConditions where = new SqlConditions();
        String call = matchingCall(where, tenant, extension, at, customer);
        String sql = "WITH m AS (" + call + " FOR UPDATE),"
                + " found AS (SELECT r.id, r.location FROM recording r JOIN m ON r.tenant = m.tenant"
                + " AND r.call_id = m.call_id ORDER BY r.id LIMIT 1),"
                + " protected AS (UPDATE recording SET protected_on_request = true"
                + " WHERE id IN (SELECT id FROM found) AND NOT protected_on_request)"
                + " SELECT location FROM found";
        return database.preparedQuery(sql).execute(where.tuple()).map(RecordingMatcher::location);
    }

    /** The statement of the best call's key; the fragments are this code's, every value is bound. */
    private String matchingCall(SqlConditions where, TenantId tenant, String extension, Instant at, String customer) {
        String time = where.bind(at);
        String contains = "(c.call_time <= " + time + " AND coalesce(c.ended_at, c.call_time + c.total_seconds"
                + " * interval '1 second', c.call_time) >= " + time + ")";
        String distance = "abs(extract(epoch FROM c.call_time - " + time + "))";
        StringBuilder sql = new StringBuilder("SELECT c.tenant, c.call_id FROM call c WHERE c.tenant = ")
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
        return sql.append(", ").append(distance).append(", c.call_id LIMIT 1").toString();
    }

    private static Optional<String> location(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString("location"));
    }
}
