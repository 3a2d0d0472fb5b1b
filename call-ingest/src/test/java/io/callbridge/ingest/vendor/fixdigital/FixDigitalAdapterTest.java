package io.callbridge.ingest.vendor.fixdigital;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.api.CallEventsTopic;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** 004's callbacks, replayed verbatim: the sample URLs' path and query string. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class FixDigitalAdapterTest {

    static final String INCOMING = "/webservice.php?operation=incomingCall&sExt=777&sNumber=033004799&ClientId=10";
    static final String ANSWERED = "/webservice.php?operation=incomingCallAnswered&sExt=777&sNumber=033004799&ClientId=10";

    /** The default {@code call-window}, PT10M. */
    static final long WINDOW_SECONDS = 600;

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    private static Predicate<ConsumerRecord<String, CallEvent>> ofKind(CallEventKind kind) {
        return r -> r.key().startsWith("acme:777-033004799-") && r.value().kind() == kind;
    }

    @Test
    void theIncomingCallSampleIsAnsweredAsTheDocumentSaysAndOfferedOnKafka() {
        given().urlEncodingEnabled(false).when().get(INCOMING)
                .then().statusCode(200)
                .contentType("application/json")
                .body(equalTo("{\"success\":true,\"result\":[]}"));

        CallEvent event = topic.awaitMatching(ofKind(CallEventKind.CALL_OFFERED), 1).get(0).value();
        assertThat(event.tenant().value()).isEqualTo("acme");
        assertThat(event.source().system()).isEqualTo(SourceSystem.FIXDIGITAL);
        assertThat(event.source().instance()).isEqualTo("tlv-fixdigital");
        assertThat(event.parties().extension()).isEqualTo("777");
        assertThat(event.parties().customer())
                .isEqualTo(new PhoneNumber("033004799", "+97233004799", PhoneNumber.Type.E164));
        assertThat(event.call().direction()).isEqualTo(Direction.INBOUND);
        assertThat(event.raw()).containsEntry("operation", "incomingCall").containsEntry("sExt", "777")
                .containsEntry("sNumber", "033004799").containsEntry("ClientId", "10");
    }

    @Test
    void theAnsweredSampleIsTheSameCallAnswered() {
        long windowBefore = Instant.now().getEpochSecond() / WINDOW_SECONDS;
        given().urlEncodingEnabled(false).get(INCOMING).then().statusCode(200);
        given().urlEncodingEnabled(false).when().get(ANSWERED)
                .then().statusCode(200)
                .body(equalTo("{\"success\":true,\"result\":[]}"));
        long windowAfter = Instant.now().getEpochSecond() / WINDOW_SECONDS;

        List<ConsumerRecord<String, CallEvent>> answers = topic.awaitMatching(ofKind(CallEventKind.CALL_ANSWERED), 1);
        ConsumerRecord<String, CallEvent> answered = answers.get(answers.size() - 1);
        assertThat(answered.value().times().answeredAt()).isNotNull();
        assertThat(answered.key()).isEqualTo("acme:777-033004799-" + windowAfter * WINDOW_SECONDS);
        // The documented limit of callbacks without a call id: an offer and its answer on either side of a window
        // boundary are two calls. Otherwise they are one.
        String offeredKey = "acme:777-033004799-" + windowBefore * WINDOW_SECONDS;
        assertThat(topic.awaitMatching(r -> r.key().equals(offeredKey)
                && r.value().kind() == CallEventKind.CALL_OFFERED, 1)).isNotEmpty();
    }

    @Test
    void aRepeatedCallbackHasTheSameEventId() {
        given().urlEncodingEnabled(false).get(INCOMING).then().statusCode(200);
        given().urlEncodingEnabled(false).get(INCOMING).then().statusCode(200);

        List<ConsumerRecord<String, CallEvent>> offers = topic.awaitMatching(ofKind(CallEventKind.CALL_OFFERED), 2);
        assertThat(offers).extracting(r -> r.value().eventId()).containsOnly(offers.get(0).value().eventId());
    }

    @Test
    void aDialerAskingForHtmlStillGetsTheDocumentsAnswer() {
        given().urlEncodingEnabled(false).header("Accept", "text/html")
                .when().get(INCOMING.replace("sExt=777", "sExt=779"))
                .then().statusCode(200)
                .body(equalTo("{\"success\":true,\"result\":[]}"));

        assertThat(topic.awaitMatching(r -> r.key().startsWith("acme:779-"), 1)).hasSize(1);
    }

    @Test
    void aPostedFormIsReadToo() {
        given().formParam("operation", "incomingCall").formParam("sExt", "778").formParam("sNumber", "+972 3-300-4799")
                .formParam("ClientId", "10")
                .when().post("/webservice.php")
                .then().statusCode(200).body(equalTo("{\"success\":true,\"result\":[]}"));

        CallEvent event = topic.awaitMatching(r -> r.key().startsWith("acme:778-"), 1).get(0).value();
        assertThat(event.parties().customer().e164()).isEqualTo("+97233004799");
        assertThat(event.parties().customer().raw()).isEqualTo("+972 3-300-4799");
    }

    @Test
    void anUnknownOperationIsNamed() {
        given().urlEncodingEnabled(false).get(INCOMING.replace("incomingCall", "outgoingCall"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("operation"));
    }

    @Test
    void aMissingNumberIsNamed() {
        given().urlEncodingEnabled(false).get(INCOMING.replace("&sNumber=033004799", ""))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sNumber"));
    }

    @Test
    void anUnknownClientIsNamed() {
        given().urlEncodingEnabled(false).get(INCOMING.replace("ClientId=10", "ClientId=99"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("ClientId"));
    }

    @Test
    void aClientWhoseNetworkIsNotOursIsRefusedAndNothingIsPublished() {
        given().urlEncodingEnabled(false).get(INCOMING.replace("ClientId=10", "ClientId=11").replace("777", "779"))
                .then().statusCode(403)
                .contentType("application/problem+json");

        given().urlEncodingEnabled(false).get(INCOMING.replace("777", "779")).then().statusCode(200);
        List<ConsumerRecord<String, CallEvent>> seen = topic.awaitMatching(r -> r.key().contains(":779-"), 1);
        assertThat(seen).extracting(r -> r.value().tenant().value()).containsOnly("acme");
    }
}
