package io.callbridge.dispatch.delivery;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.trace.TraceParent;
import io.callbridge.dispatch.delivery.AttemptOutcome.Verdict;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.request.CrmRequest;

/**
 * Makes one attempt to deliver a call event to a CRM endpoint: its request with the event id in headers, delivered
 * when the answer is 2xx and its body passes the endpoint's check. Each attempt is logged; logs name the CRM by its origin
 * only, as a CRM URL's path and query often hold an API key.
 */
@ApplicationScoped
public class CrmDelivery {

    private static final Logger LOG = Logger.getLogger(CrmDelivery.class);

    private final CrmClient client;

    CrmDelivery(CrmClient client) {
        this.client = client;
    }

    /** Never fails: a CRM that cannot be reached is an outcome like any other. */
    public Uni<AttemptOutcome> attempt(CallEvent event, CrmEndpoint endpoint, int attempt,
                                       Optional<String> traceparent) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        return endpoint.request().render(event).chain(request -> {
            CrmUrl url = new CrmUrl(request.url());
            return client.send(request, url, event.eventId(), endpoint.timeout(), event.tenant(),
                            traceparent.flatMap(TraceParent::parse).map(parent -> parent.child().value()))
                    .map(answer -> judge(answer, endpoint, startedAt, elapsed(started)))
                    .onFailure().recoverWithItem(failure -> new AttemptOutcome(Verdict.FAILED, startedAt,
                            elapsed(started), Optional.empty(), failure.getMessage(), Optional.empty(),
                            Optional.empty()))
                    .invoke(outcome -> log(outcome, event, endpoint, url, attempt));
        });
    }

    /**
     * A request outside any delivery, such as the one a preset makes when an endpoint is created.
     *
     * @return the answer's status; a failure when the CRM was not reached
     */
    public Uni<Integer> sendOnce(CrmRequest request, UUID id, Duration timeout, TenantId tenant) {
        return client.send(request, new CrmUrl(request.url()), id, timeout, tenant, Optional.empty())
                .map(CrmAnswer::status);
    }

    private static AttemptOutcome judge(CrmAnswer answer, CrmEndpoint endpoint, Instant startedAt, Duration latency) {
        Verdict verdict;
        String outcome;
        if (answer.status() == 410) {
            verdict = Verdict.GONE;
            outcome = "HTTP 410";
        } else if (!answer.is2xx()) {
            verdict = Verdict.FAILED;
            outcome = "HTTP " + answer.status();
        } else if (!endpoint.accepts(answer.body())) {
            verdict = Verdict.FAILED;
            outcome = "HTTP " + answer.status() + ", body not accepted";
        } else {
            verdict = Verdict.DELIVERED;
            outcome = "HTTP " + answer.status();
        }
        return new AttemptOutcome(verdict, startedAt, latency, Optional.of(answer.status()), outcome,
                Optional.of(answer.logged()), answer.requestedWait(Instant.now()));
    }

    private static void log(AttemptOutcome outcome, CallEvent event, CrmEndpoint endpoint, CrmUrl url, int attempt) {
        if (outcome.verdict() == Verdict.DELIVERED) {
            LOG.debugf("CRM '%s' at %s accepted event %s (%s) on attempt %d/%d: %s in %d ms", endpoint.name(), url,
                    event.eventId(), event.kind(), attempt, endpoint.retry().maxAttempts(), outcome.outcome(),
                    outcome.latency().toMillis());
        } else {
            LOG.warnf("CRM '%s' at %s did not accept event %s (%s) on attempt %d/%d: %s after %d ms", endpoint.name(),
                    url, event.eventId(), event.kind(), attempt, endpoint.retry().maxAttempts(), outcome.outcome(),
                    outcome.latency().toMillis());
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
