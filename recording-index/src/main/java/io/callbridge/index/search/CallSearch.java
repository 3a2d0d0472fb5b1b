package io.callbridge.index.search;

import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.call.CallRows;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.metrics.LookupMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pages through a tenant's calls by keyset: a page starts after the position where the previous one ended, so
 * every page is one range scan of an index ending in {@code (call_time DESC, call_id DESC)}, however deep. A page,
 * with its calls' recordings, is one prepared statement on the reactive pool: lookups are the hot path, and an ORM
 * session per request costs more than the query.
 */
@ApplicationScoped
public class CallSearch {

    /** The largest page any API serves. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The most statements {@link #statement} keeps. */
    static final int MAX_SHAPES = 256;

    private final Map<String, String> statements = new ConcurrentHashMap<>();
    private final Pool database;
    private final LookupMetrics metrics;

    public CallSearch(Pool database, LookupMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
    }

    /**
     * The statement of a query of this shape. Its text (some 700 characters) is built once per shape, and the same
     * string serves every later query: the prepared statement cache finds it by the hash the string keeps, instead of
     * building and hashing it per query. Shapes are few (which criteria a request gives); past {@link #MAX_SHAPES}
     * statements are built each time rather than kept.
     */
    private String statement(String conditions, String tenantValue, String afterPosition, CallOrder order,
                             String pageLimit) {
        // every part of the text that varies, so that equal shapes are equal statements
        String shape = String.join("|", order.name(), tenantValue, String.valueOf(afterPosition), pageLimit,
                conditions);
        String known = statements.get(shape);
        if (known != null) {
            return known;
        }
        // A call's recordings are on its row (migration V5): the page is one range scan of an index with the rows.
        StringBuilder sql = new StringBuilder("SELECT ").append(CallRows.SELECTED)
                .append(" FROM call c WHERE c.tenant = ").append(tenantValue)
                .append(" AND (").append(conditions).append(')');
        if (afterPosition != null) {
            sql.append(" AND ").append(afterPosition);
        }
        sql.append(" ORDER BY ").append(order.orderBy()).append(" LIMIT ").append(pageLimit);
        String built = sql.toString();
        if (statements.size() < MAX_SHAPES) {
            statements.putIfAbsent(shape, built);
        }
        return built;
    }

    /**
     * @param lookup the API asking, for the latency metric ({@link LookupMetrics})
     * @param where the conditions; the tenant's is added here, so that no caller can forget it
     * @param after where the previous page ended, or empty for the first page
     * @param limit at most {@link #MAX_PAGE_SIZE}
     */
    public Uni<CallPage> page(String lookup, TenantId tenant, SqlConditions where, Optional<CallPosition> after, CallOrder order,
                              int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE_SIZE + " calls, not " + limit);
        }
        String conditions = where.sql();
        // Bound in the order the statement names them: the conditions' values, the tenant, the position, the limit.
        String tenantValue = where.bind(tenant.value());
        String afterPosition = after.map(position -> order.after(where.bind(position.callTime()),
                where.bind(position.callId()))).orElse(null);
        // One more than the page, to know whether another page follows.
        String pageLimit = where.bind(limit + 1);
        String sql = statement(conditions, tenantValue, afterPosition, order, pageLimit);
        return metrics.timed(lookup, () -> database.preparedQuery(sql).execute(where.tuple()))
                .map(rows -> {
            List<FoundCall> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                IndexedCall call = CallRows.selected(row);
                found.add(new FoundCall(call, CallRows.selectedRecordings(row, call.key)));
            }
            boolean more = found.size() > limit;
            List<FoundCall> page = more ? found.subList(0, limit) : found;
            Optional<CallPosition> last = page.isEmpty() ? after
                    : Optional.of(CallPosition.of(page.get(page.size() - 1).call()));
            return new CallPage(page, more ? last : Optional.empty(), last);
        });
    }
}
