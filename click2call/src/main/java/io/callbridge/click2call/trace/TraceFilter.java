package io.callbridge.click2call.trace;

import io.callbridge.common.trace.TraceParent;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Notes the W3C {@code traceparent} of every request, before any resource runs. */
public class TraceFilter {

    private final IncomingTrace trace;

    public TraceFilter(IncomingTrace trace) {
        this.trace = trace;
    }

    @ServerRequestFilter(preMatching = true)
    public void note(ContainerRequestContext request) {
        trace.received(request.getHeaderString(TraceParent.HEADER));
    }
}
