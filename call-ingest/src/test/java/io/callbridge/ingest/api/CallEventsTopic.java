package io.callbridge.ingest.api;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.kafka.CallEventDeserializer;
import io.callbridge.common.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Reads what call-ingest wrote to the call events topic, from the beginning, as a consumer of the test. */
final class CallEventsTopic implements AutoCloseable {

    private final KafkaConsumer<String, CallEvent> consumer;
    private final List<ConsumerRecord<String, CallEvent>> seen = new ArrayList<>();

    CallEventsTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new CallEventDeserializer());
        consumer.subscribe(List.of(Topics.CALL_EVENTS));
    }

    /** Every record with the given event id, once at least {@code count} arrived. */
    List<ConsumerRecord<String, CallEvent>> awaitRecords(UUID eventId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return withId(eventId).size() >= count;
        });
        return withId(eventId);
    }

    private List<ConsumerRecord<String, CallEvent>> withId(UUID eventId) {
        return seen.stream().filter(r -> r.value().eventId().equals(eventId)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
