import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * The consumer's lag while canonical call events arrive at a constant rate: produces CALL_ENDED events of new calls
 * of tenant "lag" straight to callbridge.call-events (each a new call with a recording, so every event is a full
 * merge: processed event, call row, recording) and, every 100 ms, reads how many of those calls PostgreSQL shows
 * (committed rows only) and the consumer group's lag in records. The delay of a sample is the time since the
 * newest visible event was produced: how far behind the index is. Prints one line: RESULT {...}.
 *
 * Usage: java -cp <kafka-clients, postgresql> LagProbe.java BOOTSTRAP JDBC_URL USER PASSWORD RATE SECONDS
 */
public class LagProbe {

    private static final String TOPIC = "callbridge.call-events";
    private static final String GROUP = "recording-index";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String jdbc = args[1];
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int total = rate * seconds;
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLongArray sentAt = new AtomicLongArray(total);

        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "2"),
                new StringSerializer(), new StringSerializer());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        List<long[]> samples = new ArrayList<>(); // {elapsed ms, delay ms, lag records}
        long[] produced = {0};
        try (Connection db = DriverManager.getConnection(jdbc, args[2], args[3]);
             PreparedStatement visible = db.prepareStatement(
                     "SELECT count(*) FROM call WHERE tenant = 'lag' AND call_id LIKE ?")) {
            visible.setString(1, "lag-" + run + "-%");
            Thread sender = new Thread(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = start + (long) (i * 1_000_000_000.0 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    String callId = "lag-" + run + "-" + i;
                    sentAt.set(i, System.nanoTime());
                    producer.send(new ProducerRecord<>(TOPIC, "lag:" + callId, event(callId)));
                    produced[0] = i + 1;
                }
                producer.flush();
            });
            long start = System.nanoTime();
            sender.start();
            long visibleCount = 0;
            long deadline = start + Duration.ofSeconds(seconds + 30).toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(100);
                try (ResultSet rows = visible.executeQuery()) {
                    rows.next();
                    visibleCount = rows.getLong(1);
                }
                long now = System.nanoTime();
                // Calls become visible in about the order they were sent (one partition each, in order): the
                // newest visible one was sent at sentAt[visible - 1] at the latest.
                long delay = visibleCount == 0 ? (now - start) : now - sentAt.get((int) visibleCount - 1);
                samples.add(new long[] {(now - start) / 1_000_000, delay / 1_000_000, recordsLag(admin)});
                if (visibleCount >= total) {
                    break;
                }
            }
            sender.join();
            long end = System.nanoTime();
            long drainMs = (end - sentAt.get(total - 1)) / 1_000_000;
            // The steady part: after the first second, while events were still being produced.
            long[] delays = samples.stream().filter(s -> s[0] > 1000 && s[0] <= seconds * 1000L)
                    .mapToLong(s -> s[1]).sorted().toArray();
            long maxLag = samples.stream().mapToLong(s -> s[2]).max().orElse(-1);
            System.out.printf("RESULT {\"label\":\"consumer-lag@%d\",\"produced\":%d,\"visible\":%d,"
                            + "\"delayP50ms\":%d,\"delayP99ms\":%d,\"delayMaxMs\":%d,\"maxRecordsLag\":%d,"
                            + "\"lastVisibleAfterMs\":%d,\"achievedRate\":%.0f}%n",
                    rate, produced[0], visibleCount, percentile(delays, 50), percentile(delays, 99),
                    delays.length == 0 ? -1 : delays[delays.length - 1], maxLag,
                    visibleCount >= total ? drainMs : -1,
                    produced[0] / ((sentAt.get(total - 1) - start) / 1e9));
            System.out.println("samples (ms since start, delay ms, records lag): " + samples.stream()
                    .filter(s -> s[0] % 1000 < 100).map(Arrays::toString).collect(Collectors.joining(" ")));
        } finally {
            producer.close(Duration.ofSeconds(5));
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** The consumer group's records not yet committed, over all partitions (Kafka's records-lag). */
    private static long recordsLag(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            return committed.entrySet().stream()
                    .mapToLong(e -> ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset()))
                    .sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String event(String callId) {
        Instant now = Instant.now();
        Instant started = now.minusSeconds(60);
        return """
                {"schemaVersion":1,"eventId":"%s","callId":"%s","tenant":"lag",\
                "source":{"system":"convox","instance":"bench"},"kind":"CALL_ENDED",\
                "times":{"occurredAt":"%s","startedAt":"%s","answeredAt":"%s","endedAt":"%s"},\
                "parties":{"customer":"033004799","extension":"1004","agentId":"agent-7"},\
                "call":{"direction":"INBOUND","outcome":"ANSWERED"},\
                "durations":{"talk":55,"total":60},\
                "recording":{"location":"/rec/%s.wav","fileName":"%s.wav"},\
                "raw":{"STATUS":"ENDED"}}""".formatted(UUID.randomUUID(), callId, now, started,
                started.plusSeconds(5), now, callId, callId);
    }
}
