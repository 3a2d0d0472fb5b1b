package io.callbridge.dispatch.event;

import io.callbridge.common.event.CallEvent;
import io.callbridge.dispatch.delivery.CrmDelivery;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.CrmEndpoints;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Dispatches each call event to the CRM endpoints that want it, in order per partition. The record is acknowledged
 * once every endpoint accepted it; when one did not, or the record is no dispatchable event, it is nacked and goes
 * to the dead letter topic ({@code failure-strategy=dead-letter-queue}).
 */
@ApplicationScoped
public class CallEventListener {

    private static final Logger LOG = Logger.getLogger(CallEventListener.class);

    private final DispatchableEvents dispatchable;
    private final CrmEndpoints endpoints;
    private final CrmDelivery delivery;

    CallEventListener(DispatchableEvents dispatchable, CrmEndpoints endpoints, CrmDelivery delivery) {
        this.dispatchable = dispatchable;
        this.endpoints = endpoints;
        this.delivery = delivery;
    }

    @Incoming("call-events")
    public Uni<Void> dispatch(CallEvent event) {
        return Uni.createFrom().item(event)
                .invoke(dispatchable::require)
                .chain(endpoints::wanting)
                .chain(wanting -> deliver(event, wanting))
                .onFailure().invoke(failure -> LOG.warnf("%s goes to the dead letter topic: %s",
                        event == null ? "A record" : "Event " + event.eventId(), failure.getMessage()));
    }

    private Uni<Void> deliver(CallEvent event, List<CrmEndpoint> wanting) {
        List<Uni<Void>> deliveries = wanting.stream().map(endpoint -> delivery.deliver(event, endpoint)).toList();
        return switch (deliveries.size()) {
            case 0 -> Uni.createFrom().voidItem();
            case 1 -> deliveries.get(0);
            default -> Uni.join().all(deliveries).andCollectFailures().replaceWithVoid();
        };
    }
}
