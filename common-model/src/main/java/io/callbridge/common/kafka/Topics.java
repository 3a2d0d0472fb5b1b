package io.callbridge.common.kafka;

/** The Kafka topics of Callbridge; the only coupling between services. */
public final class Topics {

    /** Canonical {@link io.callbridge.common.event.CallEvent}s, keyed {@code tenant:callId}. */
    public static final String CALL_EVENTS = "callbridge.call-events";

    /** {@link io.callbridge.common.dial.DialRequest}s, keyed {@code tenant:requestId}, for audit. */
    public static final String DIAL_REQUESTS = "callbridge.dial-requests";

    /** {@link io.callbridge.common.endpoint.EndpointStatusChanged}s of crm-dispatch, keyed {@code tenant:endpointId}. */
    public static final String ENDPOINT_EVENTS = "callbridge.endpoint-events";

    /** Call events that recording-index could not store (malformed, or newer than it knows). */
    public static final String CALL_EVENTS_DLQ_RECORDING_INDEX = "callbridge.call-events.dlq.recording-index";

    /** Call events that crm-dispatch could not read. */
    public static final String CALL_EVENTS_DLQ_CRM_DISPATCH = "callbridge.call-events.dlq.crm-dispatch";

    private Topics() {
    }
}
