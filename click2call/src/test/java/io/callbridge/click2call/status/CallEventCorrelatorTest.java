package io.callbridge.click2call.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.audit.DialRequestRecords;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A dial request follows its call through the PBX's own events on {@code callbridge.call-events}. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class CallEventCorrelatorTest {

    @InjectPbx
    WireMockServer pbx;

    private CallEvents events;

    @BeforeEach
    void setUp() {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson("{\"success\":true,\"result\":[]}")));
        events = new CallEvents();
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void anAnsweredCallThenItsEndMoveTheRequestToAnsweredThenEnded() {
        String requestId = Crm.ACME.call("777", "033004761").statusCode(202).extract().path("requestId");

        events.publish(CallEvents.outbound("acme", SourceSystem.FIXDIGITAL, "fd-1", CallEventKind.CALL_ANSWERED,
                "033004761", null));
        awaitStatus(Crm.ACME, requestId, "ANSWERED");

        events.publish(CallEvents.outbound("acme", SourceSystem.FIXDIGITAL, "fd-1", CallEventKind.CALL_ENDED,
                "033004761", Outcome.ANSWERED));
        awaitStatus(Crm.ACME, requestId, "ENDED");

        try (DialRequestRecords records = DialRequestRecords.open()) {
            List<ConsumerRecord<String, DialRequest>> audit = records.awaitRecordsOf(UUID.fromString(requestId), 4);
            assertThat(audit).extracting(record -> record.value().status()).containsExactly(
                    DialStatus.REQUESTED, DialStatus.DIALING, DialStatus.ANSWERED, DialStatus.ENDED);
        }
    }

    @Test
    void aCallEndedUnansweredFailsTheRequestWithTheReason() {
        String requestId = Crm.ACME.call("777", "033004762").statusCode(202).extract().path("requestId");

        events.publish(CallEvents.outbound("acme", SourceSystem.FIXDIGITAL, "fd-2", CallEventKind.CALL_ENDED,
                "033004762", Outcome.BUSY));

        awaitStatus(Crm.ACME, requestId, "FAILED");
        Crm.ACME.status(requestId).body("reason", containsString("BUSY"));
    }

    @Test
    void theUisCallSessionIdNamedOnDialingMatchesTheCallsEvents() {
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"data\":{\"call_session_id\":777001}}}")));
        String requestId = Crm.GLOBEX.call("777", "+74951234580").statusCode(202).extract().path("requestId");

        // UIS reports the contact in its own form; the session id alone ties the event to the request
        events.publish(CallEvents.outbound("globex", SourceSystem.UIS, "777001", CallEventKind.CALL_ANSWERED,
                "+74951234599", null));

        awaitStatus(Crm.GLOBEX, requestId, "ANSWERED");
    }

    @Test
    void anotherTenantsEventLeavesTheRequestAlone() {
        String requestId = Crm.ACME.call("777", "033004763").statusCode(202).extract().path("requestId");

        events.publish(CallEvents.outbound("hooli", SourceSystem.FIXDIGITAL, "fd-3", CallEventKind.CALL_ANSWERED,
                "033004763", null));
        events.publish(CallEvents.outbound("acme", SourceSystem.FIXDIGITAL, "fd-4", CallEventKind.CALL_ANSWERED,
                "033004799", null));
        // a later call answered shows the consumer has reached the events before it
        events.publish(CallEvents.outbound("acme", SourceSystem.FIXDIGITAL, "fd-4", CallEventKind.CALL_ENDED,
                "033004799", Outcome.ANSWERED));
        String marker = Crm.ACME.call("777", "033004764").statusCode(202).extract().path("requestId");
        events.publish(CallEvents.outbound("acme", SourceSystem.FIXDIGITAL, "fd-5", CallEventKind.CALL_ANSWERED,
                "033004764", null));
        awaitStatus(Crm.ACME, marker, "ANSWERED");

        Crm.ACME.status(requestId).body("status", equalTo("DIALING"));
    }

    private static void awaitStatus(Crm crm, String requestId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                crm.status(requestId).statusCode(200).body("status", equalTo(status)));
    }
}
