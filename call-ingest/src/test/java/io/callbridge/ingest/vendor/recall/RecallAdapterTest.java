package io.callbridge.ingest.vendor.recall;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.api.CallEventsTopic;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/** 000's URL push (its broken template as Recall sends it) and its push to a CRM web service as JSON and JSONP. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class RecallAdapterTest {

    static final String EVENTS = "/v1/sources/recall-tlv/events";
    static final String TOKEN = "recall-test-token";

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @Test
    void theUrlPushAsTheBrokenTemplateSendsItEndsTheCallWithItsRecording() {
        // number=[phone number]&agent=[extension]&date&time=[date & time]&]&duration=[call duration]&audiofile=[audio file]
        given().urlEncodingEnabled(false).header("X-Callbridge-Token", TOKEN)
                .when().get(EVENTS + "?number=033004799&agent=34&date&time=2011-10-10%2018:52:00&%5D&duration=65"
                        + "&audiofile=D:%5CRecall%5CRecords%5C34%5C20111010185200.wav")
                .then().statusCode(202).body("accepted", hasSize(2));

        List<ConsumerRecord<String, CallEvent>> records = topic.awaitCall("acme:34-20111010T185200", 2);
        assertThat(records).extracting(r -> r.value().kind())
                .containsExactlyInAnyOrder(CallEventKind.CALL_ENDED, CallEventKind.RECORDING_AVAILABLE);
        CallEvent ended = records.get(0).value();
        // Israel left summer time on 2 October 2011: 18:52 on the 10th is UTC+2
        assertThat(ended.times().startedAt()).isEqualTo(Instant.parse("2011-10-10T16:52:00Z"));
        assertThat(ended.times().endedAt()).isEqualTo(Instant.parse("2011-10-10T16:53:05Z"));
        assertThat(ended.durations().talk()).isEqualTo(65);
        assertThat(ended.parties().extension()).isEqualTo("34");
        assertThat(ended.parties().customer().e164()).isEqualTo("+97233004799");
        assertThat(ended.recording().location()).isEqualTo("D:\\Recall\\Records\\34\\20111010185200.wav");
        assertThat(ended.recording().fileName()).isEqualTo("20111010185200.wav");
        assertThat(ended.raw()).containsEntry("time", "2011-10-10 18:52:00").containsKey("]");
    }

    @Test
    void aDateAndATimeSentApartAreOneMoment() {
        given().header("X-Callbridge-Token", TOKEN).queryParam("number", "1004").queryParam("agent", "35")
                .queryParam("date", "2011-10-10").queryParam("time", "18:52:00").queryParam("duration", "00:01:05")
                .get(EVENTS).then().statusCode(202).body("accepted", hasSize(1));

        CallEvent ended = topic.awaitCall("acme:35-20111010T185200", 1).get(0).value();
        assertThat(ended.durations().talk()).isEqualTo(65);
        assertThat(ended.parties().customer())
                .isEqualTo(new PhoneNumber("1004", null, PhoneNumber.Type.EXTENSION));
    }

    @Test
    void theCrmWebServicePushAsJson() {
        given().header("X-Callbridge-Token", TOKEN).contentType(ContentType.JSON).body("""
                        {"sExtension": "36", "sPhoneNumber": "0522222222", "dtCallDateTime": "2024-03-31 02:30:00",
                         "duration": 30, "audiofile": "/recall/36/a.wav", "bDeletionProtected": true,
                         "callType": "incoming"}
                        """)
                .when().post(EVENTS)
                .then().statusCode(202).body("accepted", hasSize(2));

        CallEvent event = topic.awaitCall("acme:36-20240331T023000", 2).get(0).value();
        assertThat(event.recording().deletionProtected()).isTrue();
        assertThat(event.raw()).containsEntry("callType", "incoming");
    }

    @Test
    void theCrmWebServicePushAsJsonpWithItsQuotedDate() {
        given().urlEncodingEnabled(false)
                .when().get(EVENTS + "?callback=recallDone&token=" + TOKEN + "&sExtension=37&sPhoneNumber=1004"
                        + "&dtCallDateTime=%222011-10-10%2018:52:00%22&bDeletionProtected=false&format=json"
                        + "&duration=12&audiofile=/recall/37/b.wav")
                .then().statusCode(200)
                .contentType("application/javascript")
                .body(matchesPattern("recallDone\\(\\{\"accepted\":\\[.*\\]\\}\\);"));

        CallEvent event = topic.awaitCall("acme:37-20111010T185200", 2).get(0).value();
        assertThat(event.times().startedAt()).isEqualTo(Instant.parse("2011-10-10T16:52:00Z"));
        assertThat(event.recording().deletionProtected()).isFalse();
        assertThat(event.raw()).containsEntry("dtCallDateTime", "\"2011-10-10 18:52:00\"").containsEntry("format", "json");
    }

    @Test
    void aCallbackThatIsNotANameIsRefused() {
        given().header("X-Callbridge-Token", TOKEN).queryParam("callback", "alert(1)//")
                .queryParam("agent", "38").queryParam("dtCallDateTime", "2011-10-10 18:52:00")
                .get(EVENTS).then().statusCode(400).body("errors[0].field", equalTo("callback"));
    }

    @Test
    void aPushWithoutItsTimeIsNamed() {
        given().header("X-Callbridge-Token", TOKEN).queryParam("agent", "39").queryParam("duration", "5")
                .get(EVENTS).then().statusCode(400).body("errors[0].field", equalTo("date & time"));
    }
}
