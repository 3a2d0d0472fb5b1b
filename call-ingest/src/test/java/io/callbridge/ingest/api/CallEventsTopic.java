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
public final class CallEventsTopic implements AutoCloseable {

    private final KafkaConsumer<String, CallEvent> consumer;
    private final List<ConsumerRecord<String, CallEvent>> seen = new ArrayList<>();

    public CallEventsTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new CallEventDeserializer());
        consumer.subscribe(List.of(Topics.CALL_EVENTS));
    }

    /** Every record with the given event id, once at least {@code count} arrived. */
    public List<ConsumerRecord<String, CallEvent>> awaitRecords(UUID eventId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return withId(eventId).size() >= count;
        });
        return withId(eventId);
    }

    /** Every record of the given call key ({@code tenant:callId}), once at least {@code count} arrived. */
    public List<ConsumerRecord<String, CallEvent>> awaitCall(String key, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return ofCall(key).size() >= count;
        });
        return ofCall(key);
    }

    /** The events of a call seen so far, after one more poll: to check that nothing else arrived. */
    public List<ConsumerRecord<String, CallEvent>> ofCallNow(String key) {
        consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
        return ofCall(key);
    }

    /** Every record matching, once at least {@code count} arrived. */
    public List<ConsumerRecord<String, CallEvent>> awaitMatching(java.util.function.Predicate<ConsumerRecord<String, CallEvent>> matching,
                                                                 int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(matching).count() >= count;
        });
        return seen.stream().filter(matching).toList();
    }

    private List<ConsumerRecord<String, CallEvent>> ofCall(String key) {
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    private List<ConsumerRecord<String, CallEvent>> withId(UUID eventId) {
        return seen.stream().filter(r -> r.value().eventId().equals(eventId)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
