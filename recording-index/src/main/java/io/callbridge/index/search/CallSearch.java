package io.callbridge.index.search;

import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.call.CallRows;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;
import io.callbridge.index.metrics.LookupMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

    private final Pool database;
    private final LookupMetrics metrics;

    public CallSearch(Pool database, LookupMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
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
        // The page's calls first (the LIMIT counts calls), then their recordings joined, one row per recording: the
        // join keeps the calls' order (a nested loop over the page), so the outer ORDER BY costs no sort.
        StringBuilder sql = new StringBuilder("SELECT ").append(CallRows.SELECTED).append(", ")
                .append(CallRows.JOINED_RECORDING)
                .append(" FROM (SELECT * FROM call c WHERE c.tenant = ").append(where.bind(tenant.value()))
                .append(" AND (").append(conditions).append(')');
        after.ifPresent(position -> sql.append(" AND ")
                .append(order.after(where.bind(position.callTime()), where.bind(position.callId()))));
        // One more than the page, to know whether another page follows.
        sql.append(" ORDER BY ").append(order.orderBy()).append(" LIMIT ").append(where.bind(limit + 1))
                .append(") c LEFT JOIN recording r ON r.tenant = c.tenant AND r.call_id = c.call_id ORDER BY ")
                .append(order.orderBy());
        return metrics.timed(lookup, () -> database.preparedQuery(sql.toString()).execute(where.tuple()))
                .map(rows -> {
            List<FoundCall> found = new ArrayList<>(Math.min(rows.size(), limit + 1));
            IndexedCall call = null;
            List<IndexedRecording> recordings = null;
            for (Row row : rows) {
                if (call == null || !call.key.callId().equals(CallRows.selectedCallId(row))) {
                    call = CallRows.selected(row);
                    recordings = new ArrayList<>(1);
                    found.add(new FoundCall(call, recordings));
                }
                IndexedRecording recording = CallRows.joinedRecording(row, call.key);
                if (recording != null) {
                    recordings.add(recording);
                }
            }
            for (FoundCall each : found) {
                if (each.recordings().size() > 1) {
                    // in the order they became known; the join gives them in the index's order (by location)
                    each.recordings().sort(Comparator.comparing(recording -> recording.id));
                }
            }
            boolean more = found.size() > limit;
            List<FoundCall> page = more ? found.subList(0, limit) : found;
            Optional<CallPosition> last = page.isEmpty() ? after
                    : Optional.of(CallPosition.of(page.get(page.size() - 1).call()));
            return new CallPage(page, more ? last : Optional.empty(), last);
        });
    }
}
