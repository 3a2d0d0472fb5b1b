package io.callbridge.dispatch.delivery;

import io.callbridge.common.event.CallEvent;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Delivers call events to CRM endpoints: a GET with the event id in headers, retried, 2xx meaning delivered. */
@ApplicationScoped
public class CrmDelivery {

    private final CrmClient client;

    CrmDelivery(CrmClient client) {
        this.client = client;
    }

    /**
     * @return completes once the CRM answered 2xx; fails with {@link CrmDeliveryException} when no attempt the
     *         endpoint's retry policy allows was
     */
    public Uni<Void> deliver(CallEvent event, CrmEndpoint endpoint) {
        return endpoint.url().render(event)
                .chain(url -> new DeliveryAttempts(event, endpoint, new CrmUrl(url), client).deliver());
    }
}
