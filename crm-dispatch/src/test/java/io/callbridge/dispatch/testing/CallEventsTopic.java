package io.callbridge.dispatch.testing;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.kafka.CallEventSerializer;
import io.callbridge.common.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Writes to the call events topic, as call-ingest does: keyed by call, one record acknowledged at a time. */
public final class CallEventsTopic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
            ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());
    private final CallEventSerializer serializer = new CallEventSerializer();

    public void send(CallEvent event) {
        send(event.partitionKey(), serializer.serialize(Topics.CALL_EVENTS, event));
    }

    /** The event with headers, such as a {@code traceparent}. */
    public void send(CallEvent event, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALL_EVENTS, event.partitionKey(),
                serializer.serialize(Topics.CALL_EVENTS, event));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        send(record);
    }

    /** Any bytes, such as a record that is no call event at all. */
    public void send(String key, byte[] value) {
        send(new ProducerRecord<>(Topics.CALL_EVENTS, key, value));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the record", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
