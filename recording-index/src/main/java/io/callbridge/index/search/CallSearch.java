package io.callbridge.index.search;

import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;
import io.callbridge.index.call.RecordingRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pages through a tenant's calls by keyset: a page starts after the position where the previous one ended, so
 * every page is one range scan of an index ending in {@code (call_time DESC, call_id DESC)}, however deep.
 */
@ApplicationScoped
public class CallSearch {

    /** The largest page any API serves. */
    public static final int MAX_PAGE_SIZE = 100;

    private final RecordingRepository recordings;

    public CallSearch(RecordingRepository recordings) {
        this.recordings = recordings;
    }

    /**
     * @param where the conditions; the tenant's is added here, so that no caller can forget it
     * @param after where the previous page ended, or empty for the first page
     * @param limit at most {@link #MAX_PAGE_SIZE}
     */
    @WithSession
    public Uni<CallPage> page(TenantId tenant, SqlConditions where, Optional<CallPosition> after, CallOrder order,
                              int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE_SIZE + " calls, not " + limit);
        }
        String conditions = where.sql();
        StringBuilder sql = new StringBuilder("SELECT c.* FROM call c WHERE c.tenant = ")
                .append(where.bind(tenant.value()))
                .append(" AND (").append(conditions).append(')');
        after.ifPresent(position -> sql.append(" AND ")
                .append(order.after(where.bind(position.callTime()), where.bind(position.callId()))));
        // One more than the page, to know whether another page follows.
        sql.append(" ORDER BY ").append(order.orderBy()).append(" LIMIT ").append(where.bind(limit + 1));
        return calls(sql.toString(), where.parameters())
                .chain(found -> {
                    boolean more = found.size() > limit;
                    List<IndexedCall> page = more ? found.subList(0, limit) : found;
                    Optional<CallPosition> last = page.isEmpty() ? after
                            : Optional.of(CallPosition.of(page.get(page.size() - 1)));
                    return withRecordings(tenant, page)
                            .map(calls -> new CallPage(calls, more ? last : Optional.empty(), last));
                });
    }

    /** The calls with their recordings, in the given order; one query for all recordings. */
    @WithSession
    public Uni<List<FoundCall>> withRecordings(TenantId tenant, List<IndexedCall> calls) {
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return recordings.ofCalls(tenant, calls.stream().map(call -> call.key.callId()).toList())
                .map(stored -> {
                    Map<String, List<IndexedRecording>> byCall = stored.stream()
                            .collect(Collectors.groupingBy(recording -> recording.callId));
                    return calls.stream()
                            .map(call -> new FoundCall(call, byCall.getOrDefault(call.key.callId(), List.of())))
                            .toList();
                });
    }

    /** Runs a native query of this code's own over {@code call c}, with its bound values. */
    @WithSession
    public Uni<List<IndexedCall>> calls(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, IndexedCall.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }
}
