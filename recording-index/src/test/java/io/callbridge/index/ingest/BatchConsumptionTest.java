package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Recording;
import io.callbridge.common.kafka.Topics;
import io.callbridge.index.testing.CallEvents;
import io.callbridge.index.testing.CallJson;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.getCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * The consumer's guarantees for a batch, with batches composed here (the broker decides what a poll returns): the
 * batch is handed to the consumer as the Kafka connector does, with acknowledgement and dead-letter handlers that
 * record what happens to each record.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class BatchConsumptionTest {

    @Inject
    CallEventConsumer consumer;

    @Inject
    Pool database;

    @Test
    void eventsOfOneBatchInEitherOrderGiveTheSameCall() throws Throwable {
        String inOrder = CallEvents.newCallId();
        String reversed = CallEvents.newCallId();
        Outcome outcome = consume(new Batch()
                .add(CallEvents.ended(reversed))
                .add(CallEvents.offered(inOrder))
                .add(CallEvents.offered(reversed))
                .add(CallEvents.ended(inOrder)));

        assertThat(outcome.deadLetters()).isEmpty();
        Map<String, Object> inOrderCall = getCall(ACME_KEY, inOrder).statusCode(200)
                .body("eventCount", is(2)).extract().jsonPath().getMap("$");
        Map<String, Object> reversedCall = getCall(ACME_KEY, reversed).statusCode(200)
                .body("eventCount", is(2)).extract().jsonPath().getMap("$");
        assertThat(CallJson.withCallIdMasked(reversedCall, reversed))
                .isEqualTo(CallJson.withCallIdMasked(inOrderCall, inOrder));
    }

    @Test
    void duplicatesInOneBatchAndARedeliveredBatchCountOnce() throws Throwable {
        String callId = CallEvents.newCallId();
        CallEvent offered = CallEvents.offered(callId);
        Batch batch = new Batch()
                .add(offered)
                .add(offered)
                .add(CallEvents.resentAs(offered, CallEvents.ENDED.plusSeconds(60), "resent"))
                .add(CallEvents.ended(callId));

        consume(batch);
        getCall(ACME_KEY, callId).statusCode(200)
                .body("eventCount", is(2))
                .body("times.lastEventAt", equalTo("2024-05-01T10:03:20Z"))
                .body("context.disposition", equalTo("Interested"))
                .body("recordings.size()", is(1));

        Outcome redelivered = consume(batch);
        assertThat(redelivered.deadLetters()).isEmpty();
        getCall(ACME_KEY, callId).statusCode(200)
                .body("eventCount", is(2))
                .body("recordings.size()", is(1));
    }

    @Test
    void poisonRecordsAreDeadLetteredAloneAndTheirBatchMatesAreStored() throws Throwable {
        String callId = CallEvents.newCallId();
        CallEvent refused = CallEvents.refusedByTheDatabase(CallEvents.newCallId());
        CallEvent tooNew = CallEvents.fromTheFuture(CallEvents.newCallId());
        String unreadableKey = "acme:" + CallEvents.newCallId();
        Outcome outcome = consume(new Batch()
                .add(CallEvents.offered(callId))
                .add(refused)
                .addUnreadable(unreadableKey)
                .add(tooNew)
                .add(CallEvents.ended(callId)));

        assertThat(outcome.deadLetters()).containsOnlyKeys(refused.partitionKey(), tooNew.partitionKey(), unreadableKey);
        assertThat(outcome.deadLetters().get(tooNew.partitionKey())).contains("schema version 2");
        assertThat(outcome.acknowledged()).isTrue();
        getCall(ACME_KEY, callId).statusCode(200).body("eventCount", is(2));
        getCall(ACME_KEY, refused.callId()).statusCode(404);
        getCall(ACME_KEY, tooNew.callId()).statusCode(404);
    }

    @Test
    void aBatchIsAcknowledgedOnlyOnceItsTransactionCommitted() throws Throwable {
        List<String> callIds = List.of(CallEvents.newCallId(), CallEvents.newCallId(), CallEvents.newCallId());
        Batch batch = new Batch();
        callIds.forEach(callId -> batch.add(CallEvents.offered(callId)).add(CallEvents.ended(callId)));
        // Seen from another connection at the moment of the acknowledgement: only committed rows are visible.
        batch.onAcknowledgement(() -> database
                .preparedQuery("SELECT count(*) FROM call WHERE tenant = 'acme' AND call_id = ANY($1)"
                        + " AND event_count = 2")
                .execute(Tuple.of(callIds.toArray(String[]::new)))
                .map(rows -> rows.iterator().next())
                .map((Row row) -> row.getLong(0)));

        Outcome outcome = consume(batch);

        assertThat(outcome.acknowledged()).isTrue();
        assertThat(outcome.committedAtAcknowledgement()).containsOnly(3L);
    }

    @Test
    void aBatchWhoseEventsAreAllRefusedIsAcknowledgedAfterItsDeadLetters() throws Throwable {
        CallEvent refused = CallEvents.refusedByTheDatabase(CallEvents.newCallId());
        CallEvent alsoRefused = CallEvents.refusedByTheDatabase(CallEvents.newCallId());
        Outcome outcome = consume(new Batch().add(refused).add(alsoRefused));

        assertThat(outcome.deadLetters()).containsOnlyKeys(refused.partitionKey(), alsoRefused.partitionKey());
        assertThat(outcome.events()).last().isEqualTo("ack");
        getCall(ACME_KEY, refused.callId()).statusCode(404);
    }

    @Test
    void laterBatchesUpdateAStoredRecordingByPrecedenceAndNeverUndoACrmsProtection() throws Throwable {
        String callId = CallEvents.newCallId();
        CallEvent ended = CallEvents.ended(callId);
        String location = ended.recording().location();
        consume(new Batch().add(at(ended, CallEvents.ENDED, new Recording(location, null, false))));
        consume(new Batch().add(at(ended, CallEvents.ENDED.plusSeconds(60), new Recording(location, "new.mp3", true))));
        assertThat(recordingsOf(callId)).containsExactly("new.mp3|true|false");

        // A CRM asks RetrieveRecFile to keep it; then a newer event clears deletion_protected and renames the file,
        // and an older one, in the same batch, changes nothing that is already known.
        database.preparedQuery("UPDATE recording SET protected_on_request = true WHERE tenant = 'acme' AND call_id = $1")
                .execute(Tuple.of(callId)).await().atMost(Duration.ofSeconds(10));
        consume(new Batch()
                .add(at(ended, CallEvents.ENDED.plusSeconds(120), new Recording(location, "newest.mp3", false)))
                .add(at(ended, CallEvents.RINGING, new Recording(location, "old.mp3", true))));

        assertThat(recordingsOf(callId)).containsExactly("newest.mp3|false|true");
        getCall(ACME_KEY, callId).statusCode(200)
                .body("eventCount", is(4))
                .body("recordings.size()", is(1))
                .body("recordings[0].deletionProtected", is(true));
    }

    /** The event, as a new one (its own id) that happened at that time, naming that recording. */
    private static CallEvent at(CallEvent event, Instant occurredAt, Recording recording) {
        return new CallEvent(event.schemaVersion(), UUID.randomUUID(), event.callId(), event.tenant(), event.source(),
                event.kind(), CallTimes.at(occurredAt), event.parties(), event.call(), event.durations(),
                event.context(), recording, event.raw());
    }

    /** The call's recordings as "file name|deletion_protected|protected_on_request", read from the table. */
    private List<String> recordingsOf(String callId) {
        List<String> recordings = new ArrayList<>();
        database.preparedQuery("SELECT file_name, deletion_protected, protected_on_request FROM recording"
                        + " WHERE tenant = 'acme' AND call_id = $1 ORDER BY id")
                .execute(Tuple.of(callId)).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> recordings.add(row.getString(0) + "|" + row.getBoolean(1) + "|" + row.getBoolean(2)));
        return recordings;
    }

    private Outcome consume(Batch batch) throws Throwable {
        Outcome outcome = new Outcome();
        IncomingKafkaRecordBatch<String, CallEvent> records = batch.toRecords(outcome);
        VertxContextSupport.subscribeAndAwait(() -> consumer.consume(records));
        return outcome;
    }

    /** What the consumer did with a batch's records. */
    private static final class Outcome {
        private final Map<String, String> deadLetters = new ConcurrentHashMap<>();
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final List<Long> committedAtAcknowledgement = new CopyOnWriteArrayList<>();

        Map<String, String> deadLetters() {
            return deadLetters;
        }

        List<String> events() {
            return events;
        }

        boolean acknowledged() {
            return events.contains("ack");
        }

        List<Long> committedAtAcknowledgement() {
            return committedAtAcknowledgement;
        }
    }

    /** The records of one poll, all in one partition, as the Kafka connector hands them over. */
    private static final class Batch {
        private final List<ConsumerRecord<String, CallEvent>> records = new ArrayList<>();
        private java.util.function.Supplier<Uni<Long>> atAcknowledgement;

        Batch add(CallEvent event) {
            records.add(new ConsumerRecord<>(Topics.CALL_EVENTS, 0, records.size(), event.partitionKey(), event));
            return this;
        }

        /** A record whose value the deserializer could not read, marked as the connector marks it. */
        Batch addUnreadable(String key) {
            ConsumerRecord<String, CallEvent> record =
                    new ConsumerRecord<>(Topics.CALL_EVENTS, 0, records.size(), key, null);
            record.headers().add(io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler
                    .DESERIALIZATION_FAILURE_DLQ, "true".getBytes(StandardCharsets.UTF_8));
            records.add(record);
            return this;
        }

        void onAcknowledgement(java.util.function.Supplier<Uni<Long>> check) {
            atAcknowledgement = check;
        }

        IncomingKafkaRecordBatch<String, CallEvent> toRecords(Outcome outcome) {
            KafkaCommitHandler commits = new KafkaCommitHandler() {
                @Override
                public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                    Uni<Void> check = atAcknowledgement == null ? Uni.createFrom().voidItem()
                            : atAcknowledgement.get().invoke(outcome.committedAtAcknowledgement::add).replaceWithVoid();
                    return check.invoke(() -> outcome.events.add("ack"));
                }
            };
            KafkaFailureHandler deadLetters = new KafkaFailureHandler() {
                @Override
                public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                    outcome.deadLetters.put((String) record.getKey(), String.valueOf(reason.getMessage()));
                    outcome.events.add("dead-letter");
                    return Uni.createFrom().voidItem();
                }
            };
            Map<TopicPartition, List<ConsumerRecord<String, CallEvent>>> polled = new LinkedHashMap<>();
            polled.put(new TopicPartition(Topics.CALL_EVENTS, 0), records);
            return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(polled), "call-events", 0, commits,
                    deadLetters, false, false);
        }
    }
}
