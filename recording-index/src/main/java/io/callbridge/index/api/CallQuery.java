package io.callbridge.index.api;

import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.locale.TenantLocales;
import io.callbridge.index.search.CallCriteria;
import io.callbridge.index.search.CallOrder;
import io.callbridge.index.search.CallPosition;
import io.callbridge.index.metrics.LookupMetrics;
import io.callbridge.index.search.CallSearch;
import io.callbridge.index.search.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.Optional;
import java.util.Set;

/** {@code GET /v1/calls}: reads the query parameters into criteria and serves the page. */
@ApplicationScoped
public class CallQuery {

    static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_TEXT = 128;
    private static final Set<String> KNOWN = Set.of("number", "extension", "agent", "did", "from", "to", "direction",
            "mode", "outcome", "disposition", "minDuration", "maxDuration", "hasRecording", "callReference", "limit",
            "cursor");

    private final CallSearch search;
    private final TenantLocales locales;

    public CallQuery(CallSearch search, TenantLocales locales) {
        this.search = search;
        this.locales = locales;
    }

    public Uni<CallList> search(TenantId tenant, MultivaluedMap<String, String> query) {
        Parameters.onlyKnown(query.keySet(), KNOWN);
        query.forEach((name, values) -> {
            if (values.size() > 1) {
                throw ProblemException.badRequest(name, "is given more than once");
            }
        });
        Integer minDuration = Parameters.seconds("minDuration", query.getFirst("minDuration"));
        Integer maxDuration = Parameters.seconds("maxDuration", query.getFirst("maxDuration"));
        if (minDuration != null && maxDuration != null && minDuration > maxDuration) {
            throw ProblemException.badRequest("maxDuration", "is less than minDuration");
        }
        CallCriteria criteria = new CallCriteria(
                number(tenant, "number", query.getFirst("number")),
                Parameters.text("extension", query.getFirst("extension"), MAX_TEXT),
                Parameters.text("agent", query.getFirst("agent"), MAX_TEXT),
                number(tenant, "did", query.getFirst("did")),
                Parameters.instant("from", query.getFirst("from")),
                Parameters.instant("to", query.getFirst("to")),
                Parameters.enumOf("direction", query.getFirst("direction"), Direction.class),
                Parameters.enumOf("mode", query.getFirst("mode"), CallMode.class),
                Parameters.enumOf("outcome", query.getFirst("outcome"), Outcome.class),
                Parameters.text("disposition", query.getFirst("disposition"), MAX_TEXT),
                minDuration,
                maxDuration,
                Parameters.bool("hasRecording", query.getFirst("hasRecording")),
                Parameters.text("callReference", query.getFirst("callReference"), MAX_TEXT),
                null);
        int limit = Parameters.pageSize("limit", query.getFirst("limit"), DEFAULT_PAGE_SIZE);
        Optional<CallPosition> after = Optional.ofNullable(Parameters.text("cursor", query.getFirst("cursor"), 512))
                .map(cursor -> CallPosition.ofCursor(cursor, "cursor"));
        return search.page(LookupMetrics.SEARCH, tenant, criteria.toConditions(), after, CallOrder.NEWEST_FIRST, limit)
                .map(page -> new CallList(
                        page.calls().stream().map(found -> CallView.of(found.call(), found.recordings())).toList(),
                        page.next().map(CallPosition::toCursor).orElse(null)));
    }

    private String number(TenantId tenant, String name, String value) {
        String number = Parameters.text(name, value, MAX_TEXT);
        return number == null ? null : locales.matchKeyOf(tenant, number);
    }
}
