package io.callbridge.ingest.vendor.ccs;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Outcome;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.api.CallEventsTopic;
import io.callbridge.ingest.support.WireMockResource;
import io.callbridge.ingest.vendor.EventDraft;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

/** 002's end-of-call notification as a GET query string; reportsCDRLogs and login are WireMock stubs. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class CallCenterStudioAdapterTest {

    static final String EVENTS = "/v1/sources/ccs-istanbul/events";
    static final String LOGIN = "/ccs/login";
    static final String CDR = "/ccs/reportsCDRLogs";

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    @BeforeEach
    void callCenterStudio() {
        var ccs = WireMockResource.server();
        ccs.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("session").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(equalToJson("""
                        {"app_token":"test-app-token","username":"crm-integration","password":"test-password"}"""))
                .willReturn(json("{\"login\":true,\"session\":\"S1\"}")).willSetStateTo("renewed"));
        ccs.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("session").whenScenarioStateIs("renewed")
                .willReturn(json("{\"login\":true,\"session\":\"S2\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    static String cdrOf(String key) {
        return """
                {"cursor":"c-1","CallList":[{"activecallkey":"%s","phonenumber":"05321234567","did":"02124440000",
                 "agent":"ayse","startdate":"2024-03-31 02:30:00","finishdate":"2024-03-31 02:31:05","duration":"65",
                 "status":"answered","recording":"https://records.example/%s.mp3"}]}""".formatted(key, key);
    }

    @Test
    void aCompleteNotificationIsPublishedWithoutAskingTheCdr() {
        given().urlEncodingEnabled(false)
                .when().get(EVENTS + "?token=ccs-test-token&activecallkey=CCS-1&phonenumber=05321234567"
                        + "&startdate=2024-03-31%2002:30:00&duration=65&agent=ayse&status=answered&ivr_step=sales")
                .then().statusCode(202).body("accepted", hasSize(1));

        CallEvent event = topic.awaitCall("acme:CCS-1", 1).get(0).value();
        assertThat(event.kind()).isEqualTo(CallEventKind.CALL_ENDED);
        // Istanbul is UTC+3 all year
        assertThat(event.times().startedAt()).isEqualTo(Instant.parse("2024-03-30T23:30:00Z"));
        assertThat(event.times().endedAt()).isEqualTo(Instant.parse("2024-03-30T23:31:05Z"));
        assertThat(event.parties().customer().e164()).isEqualTo("+905321234567");
        assertThat(event.parties().agentId()).isEqualTo("ayse");
        assertThat(event.call().outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(event.raw()).containsEntry("ivr_step", "sales").doesNotContainKey("token");
        WireMockResource.server().verify(0, getRequestedFor(urlPathEqualTo(CDR))
                .withQueryParam("activecallkey", equalTo("CCS-1")));
    }

    @Test
    void aNotificationLackingFieldsIsCompletedFromReportsCdrLogsInOneSession() {
        var ccs = WireMockResource.server();
        for (String key : List.of("CCS-2a", "CCS-2b")) {
            ccs.stubFor(get(urlPathEqualTo(CDR)).withQueryParam("activecallkey", equalTo(key))
                    .willReturn(json(cdrOf(key))));
        }

        given().queryParam("token", "ccs-test-token").queryParam("activecallkey", "CCS-2a").get(EVENTS)
                .then().statusCode(202).body("accepted", hasSize(2));
        int logins = ccs.findAll(postRequestedFor(urlPathEqualTo(LOGIN))).size();
        given().queryParam("token", "ccs-test-token").queryParam("activecallkey", "CCS-2b").get(EVENTS)
                .then().statusCode(202).body("accepted", hasSize(2));

        assertThat(ccs.findAll(postRequestedFor(urlPathEqualTo(LOGIN)))).hasSize(logins);
        List<ConsumerRecord<String, CallEvent>> records = topic.awaitCall("acme:CCS-2a", 2);
        assertThat(records).extracting(r -> r.value().kind())
                .containsExactlyInAnyOrder(CallEventKind.CALL_ENDED, CallEventKind.RECORDING_AVAILABLE);
        CallEvent ended = records.get(0).value();
        assertThat(ended.parties().customer().e164()).isEqualTo("+905321234567");
        assertThat(ended.times().startedAt()).isEqualTo(Instant.parse("2024-03-30T23:30:00Z"));
        assertThat(ended.durations().talk()).isEqualTo(65);
        assertThat(ended.recording().location()).isEqualTo("https://records.example/CCS-2a.mp3");
        assertThat(ended.raw()).containsEntry("reportsCDRLogs.agent", "ayse").doesNotContainKey(EventDraft.UNENRICHED);
    }

    @Test
    void anAnswerSayingTheSessionIsNoLongerValidRenewsItAndRepeatsTheRequest() {
        var ccs = WireMockResource.server();
        ccs.stubFor(get(urlPathEqualTo(CDR)).withQueryParam("activecallkey", equalTo("CCS-3"))
                .withQueryParam("session", equalTo("S1")).willReturn(json("{\"login\":false}")));
        ccs.stubFor(get(urlPathEqualTo(CDR)).withQueryParam("activecallkey", equalTo("CCS-3"))
                .withQueryParam("session", equalTo("S2")).willReturn(json(cdrOf("CCS-3"))));

        given().queryParam("token", "ccs-test-token").queryParam("activecallkey", "CCS-3").get(EVENTS)
                .then().statusCode(202).body("accepted", hasSize(2));

        ccs.verify(getRequestedFor(urlPathEqualTo(CDR)).withQueryParam("activecallkey", equalTo("CCS-3"))
                .withQueryParam("session", equalTo("S2")));
        CallEvent event = topic.awaitCall("acme:CCS-3", 2).get(0).value();
        assertThat(event.raw()).doesNotContainKey(EventDraft.UNENRICHED);
    }

    @Test
    void whenReportsCdrLogsFailsTheCallStillEndsMarkedUnenrichedAndCounted() {
        WireMockResource.server().stubFor(get(urlPathEqualTo(CDR)).withQueryParam("activecallkey", equalTo("CCS-4"))
                .willReturn(aResponse().withStatus(503)));

        given().queryParam("token", "ccs-test-token").queryParam("activecallkey", "CCS-4")
                .queryParam("phonenumber", "05321234567").get(EVENTS)
                .then().statusCode(202).body("accepted", hasSize(1));

        CallEvent event = topic.awaitCall("acme:CCS-4", 1).get(0).value();
        assertThat(event.kind()).isEqualTo(CallEventKind.CALL_ENDED);
        assertThat(event.parties().customer().e164()).isEqualTo("+905321234567");
        assertThat(event.raw()).containsKey(EventDraft.UNENRICHED);
        WireMockResource.server().verify(2, getRequestedFor(urlPathEqualTo(CDR))
                .withQueryParam("activecallkey", equalTo("CCS-4")));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("callbridge_ingest_enrichment_failures_total{source=\"ccs-istanbul\"}"));
    }

    @Test
    void withoutItsKeyTheNotificationIsNamed() {
        given().queryParam("token", "ccs-test-token").queryParam("phonenumber", "05321234567").get(EVENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("activecallkey"));
    }
}
