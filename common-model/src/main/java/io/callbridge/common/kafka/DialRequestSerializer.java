package io.callbridge.common.kafka;

import io.callbridge.common.dial.DialRequest;

/** Kafka value serializer of {@link DialRequest}. */
public class DialRequestSerializer extends JsonSerializer<DialRequest> {
}
