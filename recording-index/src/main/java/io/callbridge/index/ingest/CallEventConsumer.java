package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.callbridge.index.metrics.IndexingMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the index from the canonical call events, a polled batch at a time: the batch's events are stored in one
 * transaction, and the batch is acknowledged only after that transaction committed. A record that cannot be stored
 * (unreadable, a newer schema, invalid, refused by the database) is nacked alone, and the channel's dead-letter
 * strategy moves it to {@code callbridge.call-events.dlq.recording-index} with its original bytes: no poison record
 * blocks its partition or fails the rest of its batch.
 */
@ApplicationScoped
public class CallEventConsumer {

    private static final Logger LOG = Logger.getLogger(CallEventConsumer.class);

    private final CallEventAdmission admission;
    private final CallEventStorage storage;
    private final IndexingMetrics metrics;

    public CallEventConsumer(CallEventAdmission admission, CallEventStorage storage, IndexingMetrics metrics) {
        this.admission = admission;
        this.storage = storage;
        this.metrics = metrics;
    }

    @Incoming("call-events")
    public Uni<Void> consume(KafkaRecordBatch<String, CallEvent> batch) {
        List<KafkaRecord<String, CallEvent>> admitted = new ArrayList<>();
        List<CallEvent> events = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, CallEvent> record : batch.getRecords()) {
            try {
                events.add(admission.admit(record.getPayload()));
                admitted.add(record);
            } catch (RejectedCallEvent rejection) {
                LOG.warnf("Call event with key %s of %s-%d (trace %s) rejected, to the dead-letter topic: %s",
                        record.getKey(), record.getTopic(), record.getPartition(), RecordTrace.traceIdOf(record),
                        rejection.getMessage());
                deadLetters.add(new DeadLetter(record, rejection));
            }
        }
        // Dead letters only once the others are committed: a dead letter's acknowledgement may commit its
        // partition's offset past the events of the batch before it.
        return storage.store(events)
                .chain(givenUp -> {
                    List<Instant> stored = new ArrayList<>();
                    for (int i = 0; i < admitted.size(); i++) {
                        Throwable failure = givenUp.get(i);
                        if (failure == null) {
                            stored.add(admitted.get(i).getTimestamp());
                        } else {
                            LOG.errorf("Call event with key %s (trace %s) not stored, to the dead-letter topic",
                                    admitted.get(i).getKey(), RecordTrace.traceIdOf(admitted.get(i)));
                            deadLetters.add(new DeadLetter(admitted.get(i), failure));
                        }
                    }
                    metrics.batchCommitted(stored, deadLetters.size());
                    return send(deadLetters);
                })
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private static Uni<Void> send(List<DeadLetter> deadLetters) {
        return Multi.createFrom().iterable(deadLetters)
                .onItem().transformToUniAndConcatenate(dead -> Uni.createFrom()
                        .completionStage(() -> dead.record().nack(dead.reason())))
                .collect().last()
                .replaceWithVoid();
    }

    private record DeadLetter(KafkaRecord<String, CallEvent> record, Throwable reason) {
    }
}
