package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.request.CrmRequestTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CRM URL, the events it wants and how to deliver them.
 *
 * @param name        how the outbox, logs and dead letters name it
 * @param request     the request to make, per event
 * @param kinds       the kinds of event it wants
 * @param tenant      the only tenant whose events it wants; every tenant's when empty
 * @param timeout     how long one attempt may take to connect, and then between bytes of the answer
 * @param retry       when attempts are made
 * @param successBody what the body of a 2xx answer must contain for the delivery to count; anything when empty
 * @param concurrency the most requests under way to it at once
 * @param rateLimit   the most requests to it in any one second; 0 for no limit
 * @param filters     what else an event must be to be wanted
 */
public record CrmEndpoint(String name, CrmRequestTemplate request, Set<CallEventKind> kinds, Optional<TenantId> tenant,
                          Duration timeout, RetrySchedule retry, Optional<Pattern> successBody, int concurrency,
                          int rateLimit, List<FieldFilter> filters) {

    public CrmEndpoint {
        kinds = Set.copyOf(kinds);
        filters = List.copyOf(filters);
    }

    public boolean wants(CallEvent event) {
        return kinds.contains(event.kind()) && tenant.map(event.tenant()::equals).orElse(true)
                && filters.stream().allMatch(filter -> filter.matches(event));
    }

    /** Whether an answer's body shows the CRM took the delivery (its status was 2xx). */
    public boolean accepts(String body) {
        return successBody.map(pattern -> pattern.matcher(body).find()).orElse(true);
    }
}
