package io.callbridge.common.kafka;

import io.callbridge.common.endpoint.EndpointStatusChanged;

/** Kafka value deserializer of {@link EndpointStatusChanged}. */
public class EndpointStatusChangedDeserializer extends JsonDeserializer<EndpointStatusChanged> {

    public EndpointStatusChangedDeserializer() {
        super(EndpointStatusChanged.class);
    }
}
