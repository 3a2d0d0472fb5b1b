package io.callbridge.common.kafka;

import io.callbridge.common.endpoint.EndpointStatusChanged;

/** Kafka value serializer of {@link EndpointStatusChanged}. */
public class EndpointStatusChangedSerializer extends JsonSerializer<EndpointStatusChanged> {
}
