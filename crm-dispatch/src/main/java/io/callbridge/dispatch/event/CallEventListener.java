package io.callbridge.dispatch.event;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.trace.TraceParent;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.CrmEndpoints;
import io.callbridge.dispatch.endpoint.DispatchConfig;
import io.callbridge.dispatch.outbox.DeliveryWorker;
import io.callbridge.dispatch.outbox.Outbox;
import io.callbridge.dispatch.outbox.Outbox.NewDeliveries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * Takes the call events off Kafka into the outbox, a poll's batch at a time: one delivery per event and endpoint
 * that wants it, all of the batch stored in one statement before any record is acknowledged, so that a crash at any
 * point loses no delivery, and one round trip to PostgreSQL serves many events. The {@link DeliveryWorker} sends
 * them. A record that is no dispatchable event, or whose deliveries could not be stored, is nacked on its own and
 * goes to the dead letter topic ({@code failure-strategy=dead-letter-queue}) - only once the batch's deliveries are
 * stored, as a dead letter commits its offset.
 */
@ApplicationScoped
public class CallEventListener {

    private static final Logger LOG = Logger.getLogger(CallEventListener.class);

    private final DispatchableEvents dispatchable;
    private final CrmEndpoints endpoints;
    private final Outbox outbox;
    private final DeliveryWorker worker;
    private final int storageRetries;
    private final Duration lease;

    CallEventListener(DispatchableEvents dispatchable, CrmEndpoints endpoints, Outbox outbox, DeliveryWorker worker,
                      DispatchConfig config) {
        this.dispatchable = dispatchable;
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.worker = worker;
        this.storageRetries = config.worker().storageRetries();
        this.lease = config.worker().lease();
    }

    @Incoming("call-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> dispatch(KafkaRecordBatch<String, CallEvent> batch) {
        List<KafkaRecord<String, CallEvent>> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (KafkaRecord<String, CallEvent> record : batch.getRecords()) {
            try {
                dispatchable.require(record.getPayload());
                accepted.add(record);
            } catch (RuntimeException e) {
                rejected.add(new Rejected(record, e));
            }
        }
        return Multi.createFrom().iterable(accepted)
                .onItem().transformToUniAndConcatenate(record -> endpoints.wanting(record.getPayload())
                        .map(wanting -> new NewDeliveries(record.getPayload(), wanting, traceparent(record))))
                .collect().asList()
                .chain(this::store)
                .onItemOrFailure().transformToUni((stored, failure) -> {
                    if (failure != null) {
                        accepted.forEach(record -> rejected.add(new Rejected(record, failure)));
                        accepted.clear();
                    }
                    return settle(accepted, rejected);
                });
    }

    /**
     * Stores the batch's deliveries. When the worker is not claiming, the deliveries that may go at once are claimed
     * by the same statement and sent right after it commits (the fast path: no wait for the worker to find them);
     * the others, and all of them when the worker is claiming or the first try failed, are left for its next claim.
     */
    private Uni<Void> store(List<NewDeliveries> deliveries) {
        if (deliveries.stream().allMatch(event -> event.endpoints().isEmpty())) {
            return Uni.createFrom().voidItem();
        }
        int rows = deliveries.stream().mapToInt(event -> event.endpoints().size()).sum();
        Optional<DeliveryWorker.Room> room = worker.beginFastPath();
        Uni<Void> first = outbox.store(deliveries, room.map(free -> fast(deliveries, free)).orElse(null), lease)
                .onItemOrFailure().invoke((claimed, failure) -> {
                    room.ifPresent(ignored -> worker.endFastPath(failure == null ? claimed : List.of()));
                    if (failure != null || claimed.size() < rows) {
                        worker.wake();
                    }
                })
                .replaceWithVoid();
        if (storageRetries == 0) {
            return first;
        }
        return first.onFailure().recoverWithUni(() -> Uni.createFrom()
                .deferred(() -> outbox.store(deliveries, null, lease))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(storageRetries)
                .invoke(worker::wake)
                .replaceWithVoid());
    }

    /**
     * Which deliveries the fast path may claim, in the order they are stored: the first of each call to each endpoint
     * in the batch (a later one waits for it as always), due at once, while the endpoint and the worker have room.
     */
    private static boolean[] fast(List<NewDeliveries> deliveries, DeliveryWorker.Room room) {
        Map<String, Integer> free = new HashMap<>(room.perEndpoint());
        Set<String> calls = new HashSet<>();
        int total = room.total();
        List<Boolean> fast = new ArrayList<>();
        for (NewDeliveries event : deliveries) {
            for (CrmEndpoint endpoint : event.endpoints()) {
                boolean first = calls.add(endpoint.name() + "\n" + event.event().tenant() + "\n" + event.event().callId());
                int left = free.getOrDefault(endpoint.name(), 0);
                boolean claim = first && total > 0 && left > 0 && endpoint.retry().first().isZero();
                if (claim) {
                    free.put(endpoint.name(), left - 1);
                    total--;
                }
                fast.add(claim);
            }
        }
        boolean[] flags = new boolean[fast.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = fast.get(i);
        }
        return flags;
    }

    /** Acknowledges what is stored, sends the rest to the dead letter topic. */
    private Uni<Void> settle(List<KafkaRecord<String, CallEvent>> stored, List<Rejected> rejected) {
        List<Uni<Void>> settled = new ArrayList<>();
        for (Rejected record : rejected) {
            CallEvent event = record.record().getPayload();
            LOG.warnf("%s goes to the dead letter topic: %s", event == null ? "A record" : "Event " + event.eventId(),
                    record.failure().getMessage());
            settled.add(Uni.createFrom().completionStage(() -> record.record().nack(record.failure())));
        }
        stored.forEach(record -> settled.add(Uni.createFrom().completionStage(record::ack)));
        return settled.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(settled).andCollectFailures().replaceWithVoid();
    }

    /** The trace context goes with each delivery, so the CRM's request is part of the trace that produced the event. */
    private static Optional<String> traceparent(KafkaRecord<String, CallEvent> record) {
        return Optional.ofNullable(record.getHeaders().lastHeader(TraceParent.HEADER))
                .flatMap(header -> TraceParent.parse(header.value()))
                .map(TraceParent::value);
    }

    private record Rejected(KafkaRecord<String, CallEvent> record, Throwable failure) {
    }
}
