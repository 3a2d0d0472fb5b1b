package io.callbridge.ingest.vendor.recall.soap;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** 000's push to a CRM web service over SOAP, through the published WSDL's operation. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class RecallCrmServiceTest {

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    static String envelope(String extension, String duration) {
        return """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:r="urn:callbridge:recall:crm">
                  <soapenv:Body>
                    <r:CallRecorded>
                      <sExtension>%s</sExtension>
                      <sPhoneNumber>1004</sPhoneNumber>
                      <dtCallDateTime>2011-10-10 18:52:00</dtCallDateTime>
                      %s
                      <sRecFile>\\\\recall\\records\\%s\\20111010185200.wav</sRecFile>
                      <bDeletionProtected>true</bDeletionProtected>
                    </r:CallRecorded>
                  </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(extension, duration == null ? "" : "<iDuration>" + duration + "</iDuration>", extension);
    }

    @Test
    void theWsdlIsPublished() {
        given().when().get("/soap/recall?wsdl")
                .then().statusCode(200)
                .body(containsString("CallRecorded"))
                .body(containsString("dtCallDateTime"));
    }

    @Test
    void aSoapPushEndsTheCallWithItsRecording() {
        given().contentType("text/xml; charset=utf-8").header("SOAPAction", "")
                .body(envelope("41", "65"))
                .when().post("/soap/recall?source=recall-tlv&token=recall-test-token")
                .then().statusCode(200)
                .body(containsString("eventId"));

        List<ConsumerRecord<String, CallEvent>> records = topic.awaitCall("acme:41-20111010T185200", 2);
        assertThat(records).extracting(r -> r.value().kind())
                .containsExactlyInAnyOrder(CallEventKind.CALL_ENDED, CallEventKind.RECORDING_AVAILABLE);
        CallEvent ended = records.get(0).value();
        assertThat(ended.times().startedAt()).isEqualTo(Instant.parse("2011-10-10T16:52:00Z"));
        assertThat(ended.durations().talk()).isEqualTo(65);
        assertThat(ended.recording().deletionProtected()).isTrue();
        assertThat(ended.recording().fileName()).isEqualTo("20111010185200.wav");
        assertThat(ended.raw()).containsEntry("sExtension", "41").doesNotContainKey("token");
    }

    @Test
    void withoutCredentialsTheFaultSays401AndNothingIsPublished() {
        given().contentType("text/xml; charset=utf-8").header("SOAPAction", "")
                .body(envelope("42", "5"))
                .when().post("/soap/recall?source=recall-tlv")
                .then().statusCode(500)
                .body(containsString("Client"))
                .body(containsString("<status>401</status>"));

        given().contentType("text/xml; charset=utf-8").header("SOAPAction", "")
                .body(envelope("42", "5"))
                .when().post("/soap/recall?source=recall-tlv&token=recall-test-token")
                .then().statusCode(200);
        assertThat(topic.awaitCall("acme:42-20111010T185200", 2)).hasSize(2);
        assertThat(topic.ofCallNow("acme:42-20111010T185200")).hasSize(2);
    }

    @Test
    void aBadTimeIsAFaultNamingTheField() {
        given().contentType("text/xml; charset=utf-8").header("SOAPAction", "")
                .body(envelope("43", "5").replace("2011-10-10 18:52:00", "yesterday"))
                .when().post("/soap/recall?source=recall-tlv&token=recall-test-token")
                .then().statusCode(500)
                .body(containsString("dtCallDateTime"))
                .body(containsString("<status>400</status>"));
    }

    private static io.restassured.response.ValidatableResponse push(String envelope) {
        return given().contentType("text/xml; charset=utf-8").header("SOAPAction", "")
                .body(envelope)
                .when().post("/soap/recall?source=recall-tlv&token=recall-test-token")
                .then();
    }

    @Test
    void aDurationThatIsNoNumberIsAClientFaultNamingItAndNothingIsPublished() {
        push(envelope("44", "abc"))
                .statusCode(500)
                .body(containsString("Client"))
                .body(containsString("<status>400</status>"))
                .body(containsString("<field>iDuration</field>"))
                .body(not(containsString("Exception")));

        push(envelope("44", "65")).statusCode(200);
        assertThat(topic.awaitCall("acme:44-20111010T185200", 2)).hasSize(2);
        assertThat(topic.ofCallNow("acme:44-20111010T185200")).hasSize(2);
    }

    @Test
    void aDeletionFlagThatIsNoBooleanIsAFaultNotASilentFalse() {
        push(envelope("45", "65").replace("<bDeletionProtected>true", "<bDeletionProtected>maybe"))
                .statusCode(500)
                .body(containsString("Client"))
                .body(containsString("<field>bDeletionProtected</field>"));
    }

    @Test
    void aMissingExtensionIsNamedAsTheServiceNamesIt() {
        push(envelope("46", "65").replace("<sExtension>46</sExtension>", ""))
                .statusCode(500)
                .body(containsString("Client"))
                .body(containsString("<status>400</status>"))
                .body(containsString("<field>sExtension</field>"));
    }

    @Test
    void malformedXmlIsAClientFault() {
        push("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><r:CallRecorded")
                .statusCode(500)
                .body(containsString("Client"))
                .body(not(containsString("Exception")));
    }
}
