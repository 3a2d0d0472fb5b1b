package io.callbridge.click2call.trace;

import io.callbridge.common.trace.TraceParent;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.RequestScoped;

/**
 * The W3C {@code traceparent} a CRM sent with its request, kept with the dial request and carried on every record of
 * it on {@code callbridge.dial-requests}, also those published again later from the outbox. Passed on as received
 * (click2call records no span of its own), so that the audit records join the CRM's trace.
 */
@RequestScoped
public class IncomingTrace {

    private String traceparent;

    void received(String header) {
        traceparent = TraceParent.parse(header).map(TraceParent::value).orElse(null);
    }

    /** The current request's valid {@code traceparent}, or null (none, invalid, or no request: a follow-up). */
    public static String current() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        // through a method: the bean is a client proxy, whose own fields are not the request's
        return Arc.container().instance(IncomingTrace.class).get().traceparent();
    }

    String traceparent() {
        return traceparent;
    }
}
