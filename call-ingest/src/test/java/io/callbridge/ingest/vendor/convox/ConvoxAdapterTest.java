package io.callbridge.ingest.vendor.convox;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.api.CallEventsTopic;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** 001's screen pop (POST and GET samples) and after-call status push, at the source's generic route. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class ConvoxAdapterTest {

    static final String EVENTS = "/v1/sources/convox-mumbai/events";
    static final String TOKEN_HEADER = "X-Callbridge-Token";
    static final String TOKEN = "convox-test-token";

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    private static RequestSpecification convox() {
        return given().header(TOKEN_HEADER, TOKEN);
    }

    @Test
    void thePostSampleOfTheScreenPopIsAnAnsweredCall() {
        String eventId = convox()
                .formParam("AgentID", "agentid").formParam("CallerID", "callerno")
                .formParam("CallReferenceID", "callreferencenumber").formParam("DID", "Did")
                .formParam("ConvoxID", "convoxid").formParam("Process", "process").formParam("TypeOfCall", "calltype")
                .when().post(EVENTS)
                .then().statusCode(202)
                .body("accepted", hasSize(1))
                .body("accepted[0].callId", equalTo("convoxid"))
                .extract().path("accepted[0].eventId");

        ConsumerRecord<String, CallEvent> record = topic.awaitRecords(UUID.fromString(eventId), 1).get(0);
        assertThat(record.key()).isEqualTo("acme:convoxid");
        CallEvent event = record.value();
        assertThat(event.kind()).isEqualTo(CallEventKind.CALL_ANSWERED);
        assertThat(event.parties().agentId()).isEqualTo("agentid");
        assertThat(event.parties().customer().raw()).isEqualTo("callerno");
        assertThat(event.context().callReferenceId()).isEqualTo("callreferencenumber");
        assertThat(event.context().process()).isEqualTo("process");
        assertThat(event.raw()).containsEntry("TypeOfCall", "calltype").containsEntry("DID", "Did");
    }

    @Test
    void theGetSampleWithItsOtherSpellingsAndSpacesIsTheSameScreenPop() {
        // 001's GET sample as printed, spaces included: "? Agent_ID=agentid & Caller_Id = callerno & ..."
        String query = "?%20Agent_ID=agentid%20&%20Caller_Id%20=%20callerno%20&CallReferenceID=%20callreferenceno%20&%20DID=%20did%20"
                + "&%20ConvoxID=convoxid-get&%20Process=process%20&TypeOfCall=Inbound%20call";
        String eventId = convox().urlEncodingEnabled(false)
                .when().get(EVENTS + query)
                .then().statusCode(202)
                .extract().path("accepted[0].eventId");

        CallEvent event = topic.awaitRecords(UUID.fromString(eventId), 1).get(0).value();
        assertThat(event.callId()).isEqualTo("convoxid-get");
        assertThat(event.parties().agentId()).isEqualTo("agentid");
        assertThat(event.parties().customer().raw()).isEqualTo("callerno");
        assertThat(event.context().callReferenceId()).isEqualTo("callreferenceno");
        assertThat(event.call().direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void theSameScreenPopTwiceIsOneEventButATransferIsAnother() {
        String callId = "CVX-" + UUID.randomUUID();
        String first = screenPop(callId, "agent1");
        String again = screenPop(callId, "agent1");
        String transferred = screenPop(callId, "agent2");

        assertThat(again).isEqualTo(first);
        assertThat(transferred).isNotEqualTo(first);
    }

    private String screenPop(String callId, String agent) {
        return convox().formParam("AgentID", agent).formParam("CallerID", "9876543210").formParam("ConvoxID", callId)
                .post(EVENTS).then().statusCode(202).extract().path("accepted[0].eventId");
    }

    static Map<String, String> statusPush(String leadId) {
        Map<String, String> push = new LinkedHashMap<>();
        push.put("MOBILE_NO", "9876543210");
        push.put("USER_ID", "agent7");
        push.put("CALL_MODE", "predictive");
        push.put("CALL_STATUS", "Connected");
        push.put("CALL_DATE", "2024-03-05");
        push.put("CALL_HOUR", "14");
        push.put("CALL_MINUTE", "05");
        push.put("CALL_DURATION", "125");
        push.put("QUEUE_NAME", "sales");
        push.put("QUEUE_DURATION", "10");
        push.put("RING_DURATION", "5");
        push.put("COMPLETED_BY", "Customer");
        push.put("FOLLOWUP TIME", "2024-03-06 10:00:00");
        push.put("STATION", "st12");
        push.put("LIST_ID", "501");
        push.put("DID", "02240001234");
        push.put("LEAD ID", leadId);
        push.put("CALL_REFERENCE_ID", "REF77");
        push.put("DISPOSITION", "Interested");
        push.put("DIALER_DISPOSITION", "ANSWER");
        push.put("PROCESS_NAME", "Outbound Sales");
        push.put("RECORDING_FILE_NAME", "/var/spool/recordings/2024/03/05/" + leadId + ".wav");
        push.put("X_CUSTOM", "kept");
        return push;
    }

    @Test
    void theStatusPushIsAnEndedCallWithItsRecordingAndDisposition() {
        String leadId = "CVX-" + UUID.randomUUID();
        convox().formParams(statusPush(leadId)).when().post(EVENTS)
                .then().statusCode(202).body("accepted", hasSize(3));

        List<ConsumerRecord<String, CallEvent>> records = topic.awaitCall("acme:" + leadId, 3);
        assertThat(records).extracting(r -> r.value().kind()).containsExactlyInAnyOrder(CallEventKind.CALL_ENDED,
                CallEventKind.RECORDING_AVAILABLE, CallEventKind.DISPOSITION_SET);
        CallEvent ended = records.stream().map(ConsumerRecord::value)
                .filter(e -> e.kind() == CallEventKind.CALL_ENDED).findFirst().orElseThrow();
        // 14:05 in Asia/Kolkata (+05:30)
        assertThat(ended.times().startedAt()).isEqualTo(Instant.parse("2024-03-05T08:35:00Z"));
        assertThat(ended.times().endedAt()).isEqualTo(Instant.parse("2024-03-05T08:37:20Z"));
        assertThat(ended.times().occurredAt()).isEqualTo(ended.times().endedAt());
        assertThat(ended.parties().customer().e164()).isEqualTo("+919876543210");
        assertThat(ended.parties().did().e164()).isEqualTo("+912240001234");
        assertThat(ended.parties().agentId()).isEqualTo("agent7");
        assertThat(ended.parties().station()).isEqualTo("st12");
        assertThat(ended.call().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(ended.call().mode()).isEqualTo(CallMode.PREDICTIVE);
        assertThat(ended.call().outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(ended.call().completedBy()).isEqualTo("Customer");
        assertThat(ended.durations().talk()).isEqualTo(125);
        assertThat(ended.durations().queue()).isEqualTo(10);
        assertThat(ended.durations().ring()).isEqualTo(5);
        assertThat(ended.context().queueName()).isEqualTo("sales");
        assertThat(ended.context().listId()).isEqualTo("501");
        assertThat(ended.context().leadId()).isEqualTo(leadId);
        assertThat(ended.context().callReferenceId()).isEqualTo("REF77");
        assertThat(ended.context().disposition()).isEqualTo("Interested");
        assertThat(ended.context().dialerDisposition()).isEqualTo("ANSWER");
        assertThat(ended.context().process()).isEqualTo("Outbound Sales");
        assertThat(ended.context().followUpAt()).isEqualTo(Instant.parse("2024-03-06T04:30:00Z"));
        assertThat(ended.recording().location()).isEqualTo("/var/spool/recordings/2024/03/05/" + leadId + ".wav");
        assertThat(ended.recording().fileName()).isEqualTo(leadId + ".wav");
        assertThat(ended.raw()).containsEntry("LEAD ID", leadId).containsEntry("FOLLOWUP TIME", "2024-03-06 10:00:00")
                .containsEntry("X_CUSTOM", "kept").doesNotContainKey("token");
    }

    @Test
    void aNotConnectedCallWithoutRecordingOrDispositionIsOnlyEnded() {
        String leadId = "CVX-" + UUID.randomUUID();
        Map<String, String> push = statusPush(leadId);
        push.put("CALL_STATUS", "Not Connected");
        push.remove("RECORDING_FILE_NAME");
        push.remove("DISPOSITION");
        push.remove("LEAD ID");
        push.put("LEAD_ID", leadId);
        push.remove("FOLLOWUP TIME");
        push.put("FOLLOWUP_TIME", "0000-00-00 00:00:00");
        push.put("CALL_DATE", "2024-03-05");
        push.put("CALL_HOUR", "02");
        push.put("CALL_MINUTE", "10");
        convox().queryParams(push).when().get(EVENTS).then().statusCode(202).body("accepted", hasSize(1));

        CallEvent ended = topic.awaitCall("acme:" + leadId, 1).get(0).value();
        assertThat(ended.kind()).isEqualTo(CallEventKind.CALL_ENDED);
        assertThat(ended.call().outcome()).isEqualTo(Outcome.NOT_CONNECTED);
        assertThat(ended.context().followUpAt()).isNull();
        // 02:10 in Kolkata is still the previous day in UTC
        assertThat(ended.times().startedAt()).isEqualTo(Instant.parse("2024-03-04T20:40:00Z"));
    }

    @Test
    void theSameStatusPushTwiceHasTheSameEventIds() {
        String leadId = "CVX-" + UUID.randomUUID();
        List<String> first = convox().formParams(statusPush(leadId)).post(EVENTS).then().statusCode(202)
                .extract().path("accepted.eventId");
        List<String> second = convox().formParams(statusPush(leadId)).post(EVENTS).then().statusCode(202)
                .extract().path("accepted.eventId");
        assertThat(second).containsExactlyElementsOf(first);
    }

    @Test
    void aBadHourIsNamed() {
        Map<String, String> push = statusPush("CVX-bad-hour");
        push.put("CALL_HOUR", "25");
        convox().formParams(push).post(EVENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("CALL_HOUR"));
    }

    @Test
    void aBadDurationIsNamedAsSent() {
        Map<String, String> push = statusPush("CVX-bad-duration");
        push.put("CALL_DURATION", "long");
        convox().formParams(push).post(EVENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("CALL_DURATION"));
    }

    @Test
    void aStatusPushWithoutItsLeadIdIsNamed() {
        Map<String, String> push = statusPush("x");
        push.remove("LEAD ID");
        convox().formParams(push).post(EVENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("LEAD ID"));
    }

    @Test
    void withoutCredentialsNothingIsPublished() {
        String leadId = "CVX-" + UUID.randomUUID();
        given().formParams(statusPush(leadId)).post(EVENTS)
                .then().statusCode(401).contentType("application/problem+json");
        given().header(TOKEN_HEADER, "wrong").formParams(statusPush(leadId)).post(EVENTS)
                .then().statusCode(401);

        // Basic authentication is the source's other accepted credential; the call then appears, alone.
        given().auth().preemptive().basic("convox", "s3cret").formParams(statusPush(leadId)).post(EVENTS)
                .then().statusCode(202);
        assertThat(topic.awaitCall("acme:" + leadId, 3)).hasSize(3);
        assertThat(topic.ofCallNow("acme:" + leadId)).hasSize(3);
    }

    @Test
    void aFormThatIsNotUrlEncodedIsA400NamingTheFieldAndNothingIsPublished() {
        String convoxId = "CVX-" + UUID.randomUUID();
        convox().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("ConvoxID=" + convoxId + "&AgentID=agent%zz7&CallerID=9876543210")
                .post(EVENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("AgentID"));

        convox().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("ConvoxID=" + convoxId + "&AgentID=agent%207&CallerID=9876543210")
                .post(EVENTS)
                .then().statusCode(202);
        List<ConsumerRecord<String, CallEvent>> events = topic.awaitCall("acme:" + convoxId, 1);
        assertThat(topic.ofCallNow("acme:" + convoxId)).hasSize(1);
        assertThat(events.get(0).value().parties().agentId()).isEqualTo("agent 7");
    }

    @Test
    void theTokenMayComeInTheQueryAndIsNotKeptInRaw() {
        String leadId = "CVX-" + UUID.randomUUID();
        given().queryParam("token", TOKEN).formParams(statusPush(leadId)).post(EVENTS).then().statusCode(202);
        assertThat(topic.awaitCall("acme:" + leadId, 3)).allSatisfy(r -> assertThat(r.value().raw())
                .doesNotContainKey("token"));
    }

    @Test
    void anUnknownSourceIs404() {
        convox().formParams(statusPush("x")).post("/v1/sources/nowhere/events")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
