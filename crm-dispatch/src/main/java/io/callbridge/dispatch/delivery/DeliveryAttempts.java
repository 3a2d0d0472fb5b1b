package io.callbridge.dispatch.delivery;

import io.callbridge.common.event.CallEvent;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The attempts to deliver one event to one CRM endpoint, each one logged with its outcome and latency. */
final class DeliveryAttempts {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempts.class);

    private final CallEvent event;
    private final CrmEndpoint endpoint;
    private final CrmUrl url;
    private final CrmClient client;
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    DeliveryAttempts(CallEvent event, CrmEndpoint endpoint, CrmUrl url, CrmClient client) {
        this.event = event;
        this.endpoint = endpoint;
        this.url = url;
        this.client = client;
    }

    /** All attempts the endpoint's retry policy allows, until one is answered 2xx. */
    Uni<Void> deliver() {
        return endpoint.retry().applyTo(Uni.createFrom().deferred(this::attempt))
                .onFailure().transform(ignored -> new CrmDeliveryException(
                        "CRM '%s' at %s did not accept event %s in %d attempt(s); last: %s".formatted(
                                endpoint.name(), url, event.eventId(), made.get(), lastFailure.get())));
    }

    private Uni<Void> attempt() {
        int attempt = made.incrementAndGet();
        long started = System.nanoTime();
        return client.get(url, event.eventId(), endpoint.timeout())
                .onItemOrFailure().transformToUni((status, failure) -> {
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (failure != null) {
                        return failed(attempt, millis, failure.getMessage());
                    }
                    if (status / 100 != 2) {
                        return failed(attempt, millis, "HTTP " + status);
                    }
                    LOG.infof("CRM '%s' at %s accepted event %s (%s) on attempt %d/%d: HTTP %d in %d ms",
                            endpoint.name(), url, event.eventId(), event.kind(), attempt,
                            endpoint.retry().maxAttempts(), status, millis);
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> failed(int attempt, long millis, String outcome) {
        lastFailure.set(outcome);
        LOG.warnf("CRM '%s' at %s did not accept event %s (%s) on attempt %d/%d: %s after %d ms",
                endpoint.name(), url, event.eventId(), event.kind(), attempt, endpoint.retry().maxAttempts(),
                outcome, millis);
        return Uni.createFrom().failure(new CrmAttemptException(outcome));
    }
}
