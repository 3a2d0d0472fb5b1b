import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.kafka.CallEventSerializer;
import io.callbridge.common.kafka.Topics;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's two ends around crm-dispatch.
 * <ul>
 *   <li>{@code sink <port> <blackhole-port>}: the CRM stub, answering 200 at once, and recording per phase the latency
 *   of each request from the time its event was handed to Kafka (the {@code t} parameter, epoch microseconds),
 *   and a "CRM" that accepts connections and never answers. {@code GET /stats?phase=x} prints a phase's figures.</li>
 *   <li>{@code produce <bootstrap> <rate per s, 0 = as fast as possible> <count> <phase>}: ringing events on
 *   callbridge.call-events, each of a new call, on a fixed schedule (open loop: the producer never waits for an
 *   answer, so the load does not ease when the service slows down). Each event carries the time it was handed to
 *   Kafka, the moment call-ingest accepts an event; a stall of Kafka or of crm-dispatch counts in full. The producer's
 *   own lateness against its schedule (its JVM waiting for a core) is printed apart.</li>
 * </ul>
 */
public class Bench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "sink" -> sink(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "produce" -> produce(args[1], Double.parseDouble(args[2]), Integer.parseInt(args[3]), args[4]);
            default -> throw new IllegalArgumentException("sink | produce");
        }
    }

    /** Latencies (microseconds) and arrival times of one phase. */
    static final class Phase {
        long[] latencies = new long[1 << 16];
        int count;
        long firstNanos;
        long lastNanos;

        synchronized void add(long latencyMicros, long arrivedNanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            if (count == 0) {
                firstNanos = arrivedNanos;
            }
            lastNanos = arrivedNanos;
            latencies[count++] = latencyMicros;
        }

        synchronized String stats(String name) {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            double seconds = (lastNanos - firstNanos) / 1e9;
            return String.format(java.util.Locale.ROOT,
                    "{\"phase\":\"%s\",\"count\":%d,\"perSecond\":%.1f,\"p50ms\":%.2f,\"p99ms\":%.2f,\"p999ms\":%.2f,\"maxms\":%.2f}",
                    name, count, count > 1 && seconds > 0 ? (count - 1) / seconds : 0.0, pct(sorted, 0.50),
                    pct(sorted, 0.99), pct(sorted, 0.999), count == 0 ? 0.0 : sorted[count - 1] / 1000.0);
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
        }
    }

    static void sink(int port, int blackholePort) throws Exception {
        Vertx vertx = Vertx.vertx();
        Map<String, Phase> phases = new java.util.concurrent.ConcurrentHashMap<>();
        vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/stats")) {
                String phase = request.getParam("phase");
                request.response().end(phases.computeIfAbsent(phase, ignored -> new Phase()).stats(phase));
                return;
            }
            long now = System.nanoTime();
            long nowMicros = epochMicros();
            String t = request.getParam("t");
            String phase = request.getParam("phase");
            if (t != null && phase != null) {
                phases.computeIfAbsent(phase, ignored -> new Phase()).add(nowMicros - Long.parseLong(t), now);
            }
            request.response().setStatusCode(200).end();
        }).listen(port).toCompletionStage().toCompletableFuture().get();
        // Takes every request and never answers: each attempt runs into the endpoint's timeout.
        vertx.createHttpServer().requestHandler(request -> {
        }).listen(blackholePort).toCompletionStage().toCompletableFuture().get();
        System.out.println("LISTENING " + port + " " + blackholePort);
        System.out.flush();
        Thread.currentThread().join();
    }

    static void produce(String bootstrap, double rate, int count, String phase) throws Exception {
        CallEventSerializer serializer = new CallEventSerializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? "0" : "5",
                // The machine may be busy: wait for the broker rather than give up on a record.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000"),
                new StringSerializer(), new ByteArraySerializer())) {
            // The topic exists (auto-created) and its leaders are known before the clock starts.
            producer.partitionsFor(Topics.CALL_EVENTS);
            if (rate > 0) {
                prime(producer, serializer, phase);
            }
            CountDownLatch acked = new CountDownLatch(count);
            AtomicReference<Exception> failed = new AtomicReference<>();
            // The schedule is on the wall clock, the one the stub reads: System.nanoTime drifts from it by milliseconds
            // within a run on this machine, as much as the latency measured.
            long periodMicros = rate > 0 ? (long) (1e6 / rate) : 0;
            long startNanos = System.nanoTime();
            long startMicros = epochMicros();
            long[] late = new long[count];
            for (int i = 0; i < count; i++) {
                long intendedMicros = startMicros + i * periodMicros;
                if (rate > 0) {
                    long wait;
                    while ((wait = intendedMicros - epochMicros()) > 0) {
                        LockSupport.parkNanos(wait * 1000);
                    }
                }
                // The instant the event is handed to Kafka, as call-ingest does when it accepts one.
                long sentMicros = epochMicros();
                late[i] = sentMicros - intendedMicros;
                CallEvent event = ringing(sentMicros, phase);
                producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, event.partitionKey(),
                        serializer.serialize(Topics.CALL_EVENTS, event)), (metadata, exception) -> {
                    if (exception != null) {
                        failed.set(exception);
                    }
                    acked.countDown();
                });
            }
            if (!acked.await(600, TimeUnit.SECONDS) || failed.get() != null) {
                throw new IllegalStateException("Kafka did not take every event", failed.get());
            }
            Arrays.sort(late);
            System.out.printf(java.util.Locale.ROOT, "PRODUCED %d events of phase %s in %.1f s; the producer's own "
                            + "lateness against its schedule: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", count, phase,
                    (System.nanoTime() - startNanos) / 1e9, Phase.pct(late, 0.5), Phase.pct(late, 0.99),
                    late[count - 1] / 1000.0);
            // The whole producer JVM's CPU so far, its start and the compilation of this file included: an upper bound.
            long cpuNanos = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            System.out.printf(java.util.Locale.ROOT, "PRODUCER CPU %.3f ms per event (JVM start included)%n",
                    cpuNanos / 1e6 / count);
        }
    }

    /**
     * A few events (a phase of their own, not reported) sent and acknowledged before the clock starts: a new producer
     * JVM loads and compiles its send path on the first events, which otherwise leave late, 250 ms at worst, and then
     * arrive at once, a burst the fixed schedule does not have.
     */
    private static void prime(KafkaProducer<String, byte[]> producer, CallEventSerializer serializer, String phase)
            throws Exception {
        for (int i = 0; i < 200; i++) {
            CallEvent event = ringing(epochMicros(), phase + "-prime");
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, event.partitionKey(),
                    serializer.serialize(Topics.CALL_EVENTS, event))).get();
        }
        // Time for crm-dispatch to deliver them before the measured events come.
        Thread.sleep(1000);
    }

    private static CallEvent ringing(long sentMicros, String phase) {
        String callId = "bench-" + UUID.randomUUID();
        return new CallEvent(CallEvent.SCHEMA_VERSION, UUID.randomUUID(), callId, TenantId.of("bench"),
                new CallSource(SourceSystem.FIXDIGITAL, "tlv"), CallEventKind.CALL_OFFERED, CallTimes.at(Instant.now()),
                new CallParties(PhoneNumber.of("033004799", "+97233004799", PhoneNumber.Type.E164), null, "777", null,
                        null, null),
                new CallDetails(Direction.INBOUND, null, null, null, null), null, null, null,
                Map.of("t", Long.toString(sentMicros), "phase", phase));
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
