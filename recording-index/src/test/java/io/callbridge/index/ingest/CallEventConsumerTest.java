package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.kafka.Topics;
import io.callbridge.index.testing.CallEvents;
import io.callbridge.index.testing.CallJson;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.awaitCall;
import static io.callbridge.index.testing.Api.eventCount;
import static io.callbridge.index.testing.Api.getCall;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CallEventConsumerTest {

    private static TestKafka kafka;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void servesEveryGroupOfThePublishedEvents() {
        String callId = CallEvents.newCallId();
        kafka.publish(CallEvents.offered(callId));
        kafka.publish(CallEvents.ended(callId));

        JsonPath call = awaitCall(callId, eventCount(2)).extract().jsonPath();

        assertThat(call.getString("ids.callId")).isEqualTo(callId);
        assertThat(call.getString("ids.tenant")).isEqualTo("acme");
        assertThat(call.getMap("ids.source")).isEqualTo(Map.of("system", "convox", "instance", "tel-aviv-pbx"));
        assertThat(call.getMap("times")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "startedAt", "2024-05-01T10:00:00Z",
                "answeredAt", "2024-05-01T10:00:12Z",
                "endedAt", "2024-05-01T10:03:20Z",
                "firstEventAt", "2024-05-01T10:00:00Z",
                "lastEventAt", "2024-05-01T10:03:20Z"));
        assertThat(call.getMap("parties.customer")).isEqualTo(Map.of(
                "raw", "033004799", "e164", "+97233004799", "matchKey", "+97233004799"));
        assertThat(call.getString("parties.did.e164")).isEqualTo("+97235551234");
        assertThat(call.getString("parties.extension")).isEqualTo("1004");
        assertThat(call.getString("parties.agentId")).isEqualTo("agent-7");
        assertThat(call.getString("parties.employeeId")).isEqualTo("emp-42");
        assertThat(call.getString("parties.station")).isEqualTo("ST-12");
        assertThat(call.getString("call.direction")).isEqualTo("INBOUND");
        assertThat(call.getString("call.mode")).isEqualTo("MANUAL");
        assertThat(call.getString("call.outcome")).isEqualTo("ANSWERED");
        assertThat(call.getString("call.completedBy")).isEqualTo("CUSTOMER");
        assertThat(call.getString("call.releaseCause")).isEqualTo("16");
        assertThat(call.getMap("durations")).isEqualTo(Map.of("queue", 3, "ring", 9, "talk", 188, "total", 200));
        assertThat(call.getString("context.queueName")).isEqualTo("sales");
        assertThat(call.getString("context.process")).isEqualTo("Inbound Sales");
        assertThat(call.getString("context.listId")).isEqualTo("L-3");
        assertThat(call.getString("context.leadId")).isEqualTo("LEAD-9");
        assertThat(call.getString("context.callReferenceId")).isEqualTo("REF-1");
        assertThat(call.getString("context.disposition")).isEqualTo("Interested");
        assertThat(call.getString("context.dialerDisposition")).isEqualTo("ANSWERED");
        assertThat(call.getString("context.followUpAt")).isEqualTo("2024-05-02T09:00:00Z");
        assertThat(call.getLong("recordings[0].id")).isPositive();
        assertThat(withoutRecordingIds(call.getList("recordings", Map.class))).containsExactly(Map.of(
                "location", "https://rec.example/2024/05/01/" + callId + ".mp3",
                "fileName", callId + ".mp3",
                "deletionProtected", true));
        assertThat(call.getMap("raw")).isEqualTo(Map.of(
                "CallerID", "033004799", "QUEUE_NAME", "sales", "STATUS", "ENDED", "CALL_DURATION", "188"));
    }

    @Test
    void theOrderOfArrivalDoesNotMatter() {
        String inOrder = CallEvents.newCallId();
        String reversed = CallEvents.newCallId();
        kafka.publish(CallEvents.offered(inOrder));
        kafka.publish(CallEvents.ended(inOrder));
        kafka.publish(CallEvents.ended(reversed));
        kafka.publish(CallEvents.offered(reversed));

        Map<String, Object> inOrderCall = awaitCall(inOrder, eventCount(2))
                .extract().jsonPath().getMap("$");
        Map<String, Object> reversedCall = awaitCall(reversed, eventCount(2))
                .extract().jsonPath().getMap("$");

        assertThat(CallJson.withCallIdMasked(reversedCall, reversed))
                .isEqualTo(CallJson.withCallIdMasked(inOrderCall, inOrder));
        // the older CALL_OFFERED filled what the newer event left open, and replaced nothing it said
        assertThat(reversedCall).extractingByKey("context").asInstanceOf(MAP)
                .containsEntry("queueName", "sales")
                .containsEntry("disposition", "Interested");
        assertThat(reversedCall).extractingByKey("raw").asInstanceOf(MAP)
                .containsEntry("STATUS", "ENDED")
                .containsEntry("QUEUE_NAME", "sales");
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        String callId = CallEvents.newCallId();
        CallEvent offered = CallEvents.offered(callId);
        kafka.publish(offered);
        kafka.publish(offered);
        // a vendor's resend: the same id, so ignored even though it is newer and says something else
        kafka.publish(CallEvents.resentAs(offered, CallEvents.ENDED.plusSeconds(60), "resent"));
        kafka.publish(CallEvents.ended(callId));

        awaitCall(callId, call -> "ANSWERED".equals(call.getString("call.outcome")))
                .body("eventCount", is(2))
                .body("times.lastEventAt", equalTo("2024-05-01T10:03:20Z"))
                .body("context.disposition", equalTo("Interested"));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextEventIsStored() {
        String callId = CallEvents.newCallId();
        String poisonKey = "acme:" + callId + "-poison";
        kafka.publish(poisonKey, "not json".getBytes(StandardCharsets.UTF_8));
        kafka.publish(CallEvents.offered(callId));

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitDeadLetter(poisonKey);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.CALL_EVENTS);
        awaitCall(callId, eventCount(1));
        when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anEventTheDatabaseRefusesGoesToTheDeadLetterTopicAndTheEventsAroundItAreStored() {
        String callId = CallEvents.newCallId();
        CallEvent refused = CallEvents.refusedByTheDatabase(CallEvents.newCallId());
        // Sent without waiting for each other, so that the consumer is likely to poll them as one batch.
        kafka.publishAll(List.of(CallEvents.offered(callId), refused, CallEvents.ended(callId)));

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitDeadLetter(refused.partitionKey());
        assertThat(header(deadLetter, "dead-letter-reason")).isNotBlank();
        awaitCall(callId, eventCount(2));
        getCall(ACME_KEY, refused.callId()).statusCode(404);
    }

    @Test
    void aDeadLetterKeepsTheTraceContextOfItsRecord() {
        String key = "acme:" + CallEvents.newCallId() + "-traced";
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALL_EVENTS, key,
                "{not an event".getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        kafka.publish(record);

        assertThat(header(kafka.awaitDeadLetter(key), "traceparent")).isEqualTo(traceparent);
    }

    @Test
    void anEventOfANewerSchemaGoesToTheDeadLetterTopic() {
        String callId = CallEvents.newCallId();
        CallEvent future = CallEvents.fromTheFuture(callId);
        kafka.publish(future);

        ConsumerRecord<String, byte[]> deadLetter = kafka.awaitDeadLetter(future.partitionKey());
        assertThat(header(deadLetter, "dead-letter-reason")).contains("schema version 2");
        getCall(ACME_KEY, callId).statusCode(404);
    }

    @Test
    void anInvalidEventGoesToTheDeadLetterTopic() {
        String callId = CallEvents.newCallId();
        String key = "acme:" + callId;
        String noSource = """
                {"schemaVersion":1,"eventId":"%s","callId":"%s","tenant":"acme","kind":"CALL_OFFERED",
                 "times":{"occurredAt":"2024-05-01T10:00:00Z"}}""".formatted(UUID.randomUUID(), callId);
        kafka.publish(key, noSource.getBytes(StandardCharsets.UTF_8));

        assertThat(header(kafka.awaitDeadLetter(key), "dead-letter-reason")).contains("source");
    }

    /** The recordings without their ids, which the database assigns. */
    private static List<Map<?, ?>> withoutRecordingIds(List<Map> recordings) {
        return recordings.stream().<Map<?, ?>>map(recording -> {
            Map<Object, Object> copy = new HashMap<>(recording);
            copy.remove("id");
            return copy;
        }).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
