package io.callbridge.ingest.publish;

import io.callbridge.common.trace.TraceParent;

import java.util.function.Function;

/**
 * The W3C trace context a request came with ({@code traceparent}, {@code tracestate}), carried on to the Kafka
 * records it produced so that a consumer continues the same trace.
 *
 * @param traceparent the request's {@code traceparent}, or null
 * @param tracestate  the vendors' trace state, or null
 */
public record TraceContext(TraceParent traceparent, String tracestate) {

    public static final String TRACESTATE = "tracestate";

    /** No trace context: the records get no trace headers. */
    public static final TraceContext NONE = new TraceContext(null, null);

    /** The request's trace context; {@link #NONE} when it has none or a malformed one (W3C: ignore it then). */
    public static TraceContext of(Function<String, String> header) {
        return TraceParent.parse(header.apply(TraceParent.HEADER))
                .map(parent -> {
                    String tracestate = header.apply(TRACESTATE);
                    return new TraceContext(parent, tracestate == null || tracestate.isBlank() ? null : tracestate.trim());
                })
                .orElse(NONE);
    }

    public boolean present() {
        return traceparent != null;
    }
}
