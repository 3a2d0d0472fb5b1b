package io.callbridge.dispatch.event;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.kafka.CallEventDeserializer;
import io.callbridge.common.kafka.Topics;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.dispatch.delivery.CrmClient;
import io.callbridge.dispatch.testing.CrmStub;
import io.callbridge.dispatch.testing.DeadLetters;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class CallEventListenerTest extends DispatchTest {

    @Test
    void anEventArrivesAsOneGetWithItsValuesUrlEncodedAndItsIdInHeaders() {
        String callId = TestEvents.newCallId();
        String number = "a&b=c +1/שלום";
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED,
                new CallParties(PhoneNumber.of(number, null, PhoneNumber.Type.UNRECOGNIZED), null, null, null, null,
                        null));
        CallEvent ended = TestEvents.event(callId, CallEventKind.CALL_ENDED);

        topic.send(offered);
        topic.send(ended);
        // The call's events are dispatched in order: once the second is there, the first had all its requests.
        requests.awaitFor(CrmStub.PATH, ended.eventId(), 1);

        List<LoggedRequest> received = requests.of(CrmStub.PATH, offered.eventId());
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).startsWith(CrmStub.PATH + "?").doesNotContain("null", "NOT_FOUND");
        assertThat(request.queryParameter("number").values()).containsExactly(number);
        assertThat(request.queryParameter("b").isPresent()).isFalse();
        assertThat(request.queryParameter("ext").values()).containsExactly("");
        assertThat(request.queryParameter("call").values()).containsExactly(callId);
        assertThat(request.queryParameter("kind").values()).containsExactly("CALL_OFFERED");
        assertThat(request.getHeader(CrmClient.WEBHOOK_ID)).isEqualTo(offered.eventId().toString());
        assertThat(request.getHeader(CrmClient.EVENT_ID)).isEqualTo(offered.eventId().toString());
    }

    @Test
    void kindsTheCrmDoesNotWantAreNotDelivered() {
        String callId = TestEvents.newCallId();
        CallEvent answered = TestEvents.event(callId, CallEventKind.CALL_ANSWERED);
        CallEvent ended = TestEvents.event(callId, CallEventKind.CALL_ENDED);

        topic.send(answered);
        topic.send(ended);
        requests.awaitFor(CrmStub.PATH, ended.eventId(), 1);

        assertThat(requests.ofCall(callId)).singleElement()
                .satisfies(request -> assertThat(request.getHeader(CrmClient.EVENT_ID))
                        .isEqualTo(ended.eventId().toString()));
        assertThat(requests.all()).noneMatch(request -> answered.eventId().toString()
                .equals(request.getHeader(CrmClient.EVENT_ID)));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextEventIsStillDelivered() {
        String callId = TestEvents.newCallId();
        String key = "acme:" + callId;
        byte[] poison = ("{\"callId\": \"" + callId + "\", this is no JSON").getBytes(StandardCharsets.UTF_8);
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);

        try (DeadLetters deadLetters = new DeadLetters()) {
            topic.send(key, poison);
            topic.send(offered);

            requests.awaitFor(CrmStub.PATH, offered.eventId(), 1);
            ConsumerRecord<String, byte[]> deadLetter = deadLetters.awaitFirst(record -> key.equals(record.key()));
            assertThat(deadLetter.value()).isEqualTo(poison);
            assertThat(DeadLetters.header(deadLetter, "dead-letter-topic")).isEqualTo(Topics.CALL_EVENTS);
            assertThat(DeadLetters.header(deadLetter, "dead-letter-reason")).isNotBlank();
        }
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anEventOfANewerSchemaVersionGoesToTheDeadLetterTopicUndelivered() {
        String callId = TestEvents.newCallId();
        CallEvent current = TestEvents.event(callId, CallEventKind.CALL_OFFERED);
        CallEvent newer = new CallEvent(CallEvent.SCHEMA_VERSION + 1, current.eventId(), callId, current.tenant(),
                current.source(), current.kind(), current.times(), current.parties(), current.call(),
                current.durations(), current.context(), current.recording(), current.raw());
        CallEvent ended = TestEvents.event(callId, CallEventKind.CALL_ENDED);

        try (DeadLetters deadLetters = new DeadLetters()) {
            topic.send(newer);
            topic.send(ended);

            requests.awaitFor(CrmStub.PATH, ended.eventId(), 1);
            ConsumerRecord<String, byte[]> deadLetter =
                    deadLetters.awaitFirst(record -> newer.partitionKey().equals(record.key()));
            assertThat(new CallEventDeserializer().deserialize(Topics.CALL_EVENTS, deadLetter.value()))
                    .isEqualTo(newer);
            assertThat(DeadLetters.header(deadLetter, "dead-letter-reason")).contains("schema version 2");
        }
        assertThat(requests.of(CrmStub.PATH, newer.eventId())).isEmpty();
    }
}
