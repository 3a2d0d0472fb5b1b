package io.callbridge.common.kafka;

import io.callbridge.common.event.CallEvent;

/** Kafka value serializer of {@link CallEvent}; named in each producer's configuration. */
public class CallEventSerializer extends JsonSerializer<CallEvent> {
}
