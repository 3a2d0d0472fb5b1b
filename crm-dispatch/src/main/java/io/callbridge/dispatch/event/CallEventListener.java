package io.callbridge.dispatch.event;

import io.callbridge.common.event.CallEvent;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.CrmEndpoints;
import io.callbridge.dispatch.endpoint.DispatchConfig;
import io.callbridge.dispatch.outbox.DeliveryWorker;
import io.callbridge.dispatch.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Takes each call event off Kafka into the outbox: one delivery per endpoint that wants it, stored in one statement
 * before the record is acknowledged, so that a crash at any point loses no delivery. The {@link DeliveryWorker} sends
 * them. A record that is no dispatchable event, or whose deliveries could not be stored, is nacked and goes to the
 * dead letter topic ({@code failure-strategy=dead-letter-queue}).
 */
@ApplicationScoped
public class CallEventListener {

    private static final Logger LOG = Logger.getLogger(CallEventListener.class);

    private final DispatchableEvents dispatchable;
    private final CrmEndpoints endpoints;
    private final Outbox outbox;
    private final DeliveryWorker worker;
    private final int storageRetries;

    CallEventListener(DispatchableEvents dispatchable, CrmEndpoints endpoints, Outbox outbox, DeliveryWorker worker,
                      DispatchConfig config) {
        this.dispatchable = dispatchable;
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.worker = worker;
        this.storageRetries = config.worker().storageRetries();
    }

    @Incoming("call-events")
    public Uni<Void> dispatch(CallEvent event) {
        return Uni.createFrom().item(event)
                .invoke(dispatchable::require)
                .chain(endpoints::wanting)
                .chain(wanting -> store(event, wanting))
                .onFailure().invoke(failure -> LOG.warnf("%s goes to the dead letter topic: %s",
                        event == null ? "A record" : "Event " + event.eventId(), failure.getMessage()));
    }

    private Uni<Void> store(CallEvent event, List<CrmEndpoint> wanting) {
        if (wanting.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Integer> stored = Uni.createFrom().deferred(() -> outbox.store(event, wanting));
        if (storageRetries > 0) {
            stored = stored.onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                    .atMost(storageRetries);
        }
        return stored.invoke(worker::wake)
                .replaceWithVoid();
    }
}
