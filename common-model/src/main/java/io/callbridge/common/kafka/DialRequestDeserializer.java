package io.callbridge.common.kafka;

import io.callbridge.common.dial.DialRequest;

/** Kafka value deserializer of {@link DialRequest}. */
public class DialRequestDeserializer extends JsonDeserializer<DialRequest> {

    public DialRequestDeserializer() {
        super(DialRequest.class);
    }
}
