package io.callbridge.infra.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callbridge.infra.support.FreePorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class KafkaBrokerTest {

    private static final String TOPIC = "smoke";

    @Test
    void carriesARecordFromProducerToConsumerGroupAndLeavesNothingBehind() throws Exception {
        int port = FreePorts.pick();
        KafkaBroker broker = KafkaBroker.start(KafkaBroker.Options.defaults().withPort(port));
        ProcessHandle child = ProcessHandle.of(broker.pid()).orElseThrow();
        Path directory = broker.directory();
        try {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            produce(broker.bootstrapServers(), "call-1", "ringing");

            List<ConsumerRecord<String, String>> received = consumeAtLeastOne(broker.bootstrapServers());

            assertEquals("call-1", received.get(0).key());
            assertEquals("ringing", received.get(0).value());
        } finally {
            broker.close();
        }

        assertFalse(child.isAlive(), "broker JVM still running");
        assertFalse(Files.exists(directory), "temporary directory left behind");
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.pid() == child.pid()));
    }

    private static void produce(String bootstrapServers, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAtLeastOne(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                        return !received.isEmpty();
                    });
        }
        return received;
    }
}
