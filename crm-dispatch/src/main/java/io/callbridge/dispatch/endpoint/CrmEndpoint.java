package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.template.CrmUrlTemplate;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A CRM URL, the events it wants and how to deliver them.
 *
 * @param name    how logs and dead letters name it
 * @param url     the URL to GET, per event
 * @param kinds   the kinds of event it wants
 * @param tenant  the only tenant whose events it wants; every tenant's when empty
 * @param timeout how long one attempt may take to connect, and then to be answered
 * @param retry   how failed attempts are retried
 */
public record CrmEndpoint(String name, CrmUrlTemplate url, Set<CallEventKind> kinds, Optional<TenantId> tenant,
                          Duration timeout, RetryPolicy retry) {

    public CrmEndpoint {
        kinds = Set.copyOf(kinds);
    }

    public boolean wants(CallEvent event) {
        return kinds.contains(event.kind()) && tenant.map(event.tenant()::equals).orElse(true);
    }
}
