package io.callbridge.index.testing;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.kafka.CallEventSerializer;
import io.callbridge.common.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/** Plain Kafka clients on the test broker: publishes call events and reads the dead-letter topic. */
public final class TestKafka implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> deadLetters;
    private final List<ConsumerRecord<String, byte[]>> deadLettersSeen = new ArrayList<>();
    private final CallEventSerializer serializer = new CallEventSerializer();

    public TestKafka() {
        String bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        deadLetters = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "recording-index-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters.subscribe(List.of(Topics.CALL_EVENTS_DLQ_RECORDING_INDEX));
    }

    /** Publishes the event as call-ingest does: keyed by tenant and call, acknowledged by the broker. */
    public void publish(CallEvent event) {
        publish(event.partitionKey(), serializer.serialize(Topics.CALL_EVENTS, event));
    }

    /** Publishes the event under another key, e.g. to put it in the partition of another call, before it. */
    public void publish(String key, CallEvent event) {
        publish(key, serializer.serialize(Topics.CALL_EVENTS, event));
    }

    /** Publishes the events at once, then waits until the broker acknowledged all of them. */
    public void publishAll(List<CallEvent> events) {
        List<java.util.concurrent.Future<?>> sent = events.stream().<java.util.concurrent.Future<?>>map(event ->
                producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, event.partitionKey(),
                        serializer.serialize(Topics.CALL_EVENTS, event)))).toList();
        producer.flush();
        sent.forEach(TestKafka::awaitAcknowledged);
    }

    private static void awaitAcknowledged(java.util.concurrent.Future<?> sent) {
        try {
            sent.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the test broker did not take the record", e);
        }
    }

    public void publish(String key, byte[] value) {
        publish(new ProducerRecord<>(Topics.CALL_EVENTS, key, value));
    }

    /** Publishes a record as it is, e.g. with headers. */
    public void publish(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the test broker did not take the record", e);
        }
    }

    /** Waits for the dead-letter record of that key. */
    public ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> deadLetter(key), Optional::isPresent).orElseThrow();
    }

    private Optional<ConsumerRecord<String, byte[]>> deadLetter(String key) {
        deadLetters.poll(Duration.ofMillis(200)).forEach(deadLettersSeen::add);
        return deadLettersSeen.stream().filter(record -> key.equals(record.key())).findFirst();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        deadLetters.close(Duration.ofSeconds(5));
    }
}
