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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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
     * Stores the batch's deliveries. The deliveries that may go at once are claimed by the same statement, as far as
     * the worker grants room for them, and sent right after it commits (the fast path: no wait for the worker to find
     * them); the others due at once are held for the worker, which claims them by id as their endpoints have room
     * (no search of the outbox for them); the rest, and all of them when the first try failed, are found by the
     * worker's next claim.
     */
    private Uni<Void> store(List<NewDeliveries> deliveries) {
        if (deliveries.stream().allMatch(event -> event.endpoints().isEmpty())) {
            return Uni.createFrom().voidItem();
        }
        List<Planned> planned = planned(deliveries);
        boolean[] candidates = candidates(planned);
        Optional<DeliveryWorker.Room> room = worker.beginFastPath(wanted(planned, candidates));
        boolean[] dueAtOnce = flags(planned, Planned::dueAtOnce);
        int holding = worker.beginHolding(count(dueAtOnce));
        Uni<Void> first = outbox.store(deliveries, room.map(granted -> fast(planned, candidates, granted))
                        .orElse(null), first(dueAtOnce, holding), lease)
                .onItemOrFailure().invoke((stored, failure) ->
                        worker.endFastPath(room, holding, failure == null ? stored : Outbox.Stored.NOTHING))
                .replaceWithVoid();
        if (storageRetries == 0) {
            return first;
        }
        return first.onFailure().recoverWithUni(() -> Uni.createFrom()
                .deferred(() -> outbox.store(deliveries, null, null, lease))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(storageRetries)
                .invoke(worker::wake)
                .replaceWithVoid());
    }

    /** One delivery of the batch: an event to one endpoint. */
    private record Planned(CallEvent event, CrmEndpoint endpoint) {

        boolean dueAtOnce() {
            return endpoint.retry().first().isZero();
        }
    }

    /** The batch's deliveries in the order {@link Outbox#store} stores them: each event's, endpoint by endpoint. */
    private static List<Planned> planned(List<NewDeliveries> deliveries) {
        List<Planned> planned = new ArrayList<>();
        for (NewDeliveries event : deliveries) {
            for (CrmEndpoint endpoint : event.endpoints()) {
                planned.add(new Planned(event.event(), endpoint));
            }
        }
        return planned;
    }

    private static boolean[] flags(List<Planned> planned, Predicate<Planned> set) {
        boolean[] flags = new boolean[planned.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = set.test(planned.get(i));
        }
        return flags;
    }

    /**
     * The deliveries the fast path would claim: the first of each call to each endpoint in the batch (a later one
     * waits for it as always), due at once.
     */
    private static boolean[] candidates(List<Planned> planned) {
        Set<String> calls = new HashSet<>();
        return flags(planned, delivery -> calls.add(delivery.endpoint().name() + "\n" + delivery.event().tenant()
                + "\n" + delivery.event().callId()) && delivery.dueAtOnce());
    }

    private static int count(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            count += flag ? 1 : 0;
        }
        return count;
    }

    /** The first {@code most} of the flags that are set; the others cleared. */
    private static boolean[] first(boolean[] flags, int most) {
        boolean[] first = new boolean[flags.length];
        for (int i = 0, left = most; i < flags.length && left > 0; i++) {
            if (flags[i]) {
                first[i] = true;
                left--;
            }
        }
        return first;
    }

    /** How many deliveries the fast path would claim, per endpoint. */
    private static Map<String, Integer> wanted(List<Planned> planned, boolean[] candidates) {
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i]) {
                wanted.merge(planned.get(i).endpoint().name(), 1, Integer::sum);
            }
        }
        return wanted;
    }

    /** Which candidates the fast path claims: as many as the room the worker granted, per endpoint and in all. */
    private static boolean[] fast(List<Planned> planned, boolean[] candidates, DeliveryWorker.Room room) {
        Map<String, Integer> free = new HashMap<>(room.perEndpoint());
        int total = room.total();
        boolean[] fast = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            String endpoint = planned.get(i).endpoint().name();
            int left = free.getOrDefault(endpoint, 0);
            if (candidates[i] && total > 0 && left > 0) {
                free.put(endpoint, left - 1);
                total--;
                fast[i] = true;
            }
        }
        return fast;
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
