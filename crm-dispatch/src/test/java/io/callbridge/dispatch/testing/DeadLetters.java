package io.callbridge.dispatch.testing;

import io.callbridge.common.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;

/** Reads crm-dispatch's dead letter topic from its beginning. */
public final class DeadLetters extends TopicReader<byte[]> {

    public DeadLetters() {
        super(Topics.CALL_EVENTS_DLQ_CRM_DISPATCH, new ByteArrayDeserializer());
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
