package io.callbridge.click2call.audit;

import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.kafka.DialRequestDeserializer;
import io.callbridge.common.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Reads {@code callbridge.dial-requests} from its start, as an auditor would. */
public final class DialRequestRecords implements AutoCloseable {

    private final KafkaConsumer<String, DialRequest> consumer;
    private final List<ConsumerRecord<String, DialRequest>> read = new ArrayList<>();

    private DialRequestRecords() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)),
                new StringDeserializer(), new DialRequestDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DIAL_REQUESTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Call once the topic exists, i.e. after a dial request was acknowledged. */
    public static DialRequestRecords open() {
        return new DialRequestRecords();
    }

    /** The records of one request in the order written, once there are {@code count} of them. */
    public List<ConsumerRecord<String, DialRequest>> awaitRecordsOf(UUID requestId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            return recordsOf(requestId).size() >= count;
        });
        return recordsOf(requestId);
    }

    private List<ConsumerRecord<String, DialRequest>> recordsOf(UUID requestId) {
        return read.stream().filter(record -> record.value().requestId().equals(requestId)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
