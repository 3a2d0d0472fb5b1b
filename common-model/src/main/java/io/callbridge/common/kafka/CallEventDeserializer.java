package io.callbridge.common.kafka;

import io.callbridge.common.event.CallEvent;

/** Kafka value deserializer of {@link CallEvent}; named in each consumer's configuration. */
public class CallEventDeserializer extends JsonDeserializer<CallEvent> {

    public CallEventDeserializer() {
        super(CallEvent.class);
    }
}
