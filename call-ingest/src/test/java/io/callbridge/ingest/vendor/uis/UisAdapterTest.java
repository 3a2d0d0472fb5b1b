package io.callbridge.ingest.vendor.uis;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.api.CallEventsTopic;
import io.callbridge.ingest.vendor.EventDraft;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** 003's notifications at the source's route; the Data API is a WireMock answering in its documented shape. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class UisAdapterTest {

    static final String EVENTS = "/v1/sources/uis-moscow/events";
    static final String DATA_API = "/uis/v2\\.0/?";

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    private static RequestSpecification uis() {
        return given().header("X-Callbridge-Token", "uis-test-token").contentType(ContentType.JSON);
    }

    static String ended(long session, boolean lost) {
        return """
                {"call_session_id": %d, "is_lost": %s, "start_time": "2017-06-01 14:34:00",
                 "notification_time": "2017-06-01 14:36:52", "total_time_duration": 172, "direction": "in",
                 "contact_phone_number": "74993720692", "virtual_phone_number": "88002000600",
                 "employee_id": 13421, "crm_field_of_ours": {"deal": 7}}
                """.formatted(session, lost);
    }

    @Test
    void waitingForAnAnswerPopsTheCard() {
        String eventId = uis().body("""
                        {"call_session_id": 31451001, "contact_phone_number": "74993720692",
                         "virtual_phone_number": "88002000600", "employee_id": 13421, "direction": "in",
                         "start_time": "2017-06-01 14:34:00", "notification_time": "2017-06-01 14:34:05",
                         "unknown_extra": "kept"}
                        """)
                .when().post(EVENTS)
                .then().statusCode(202).body("accepted", hasSize(1))
                .extract().path("accepted[0].eventId");

        ConsumerRecord<String, CallEvent> record = topic.awaitRecords(UUID.fromString(eventId), 1).get(0);
        assertThat(record.key()).isEqualTo("globex:31451001");
        CallEvent event = record.value();
        assertThat(event.kind()).isEqualTo(CallEventKind.CALL_OFFERED);
        // Moscow is UTC+3
        assertThat(event.times().occurredAt()).isEqualTo(Instant.parse("2017-06-01T11:34:05Z"));
        assertThat(event.times().startedAt()).isEqualTo(Instant.parse("2017-06-01T11:34:00Z"));
        assertThat(event.parties().customer().e164()).isEqualTo("+74993720692");
        assertThat(event.parties().did().e164()).isEqualTo("+78002000600");
        assertThat(event.parties().employeeId()).isEqualTo("13421");
        assertThat(event.call().direction()).isEqualTo(Direction.INBOUND);
        assertThat(event.raw()).containsEntry("unknown_extra", "kept").containsEntry("call_session_id", "31451001");
    }

    @Test
    void aLostCallIsMissedAndNotLookedUp() {
        long session = 31451002;
        uis().body(ended(session, true)).post(EVENTS).then().statusCode(202).body("accepted", hasSize(1));

        CallEvent event = topic.awaitCall("globex:" + session, 1).get(0).value();
        assertThat(event.kind()).isEqualTo(CallEventKind.CALL_ENDED);
        assertThat(event.call().outcome()).isEqualTo(Outcome.MISSED);
        assertThat(event.times().endedAt()).isEqualTo(Instant.parse("2017-06-01T11:36:52Z"));
        WireMockResource.server().verify(0, postRequestedFor(urlPathMatching(DATA_API))
                .withRequestBody(matchingJsonPath("$.params.filter.filters[0].value", WireMock.equalTo("" + session))));
    }

    @Test
    void aTalkedCallIsCompletedFromTheCallLegsReportAskedInTheDocumentsShape() {
        long session = 31451224;
        WireMockResource.server().stubFor(post(urlPathMatching(DATA_API))
                .withRequestBody(matchingJsonPath("$.params.filter.filters[0].value", WireMock.equalTo("" + session)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"jsonrpc": "2.0", "id": 1122, "result": {"data": [
                          {"id": 96421343, "call_session_id": 31451224, "call_records": ["2a0f4bbd2c1a4e9b"],
                           "release_cause_code": 16, "direction": "in", "start_time": "2017-06-01 14:34:00",
                           "employee_id": 13421, "called_phone_number": "88002000600",
                           "contact_phone_number": "74993720692", "total_duration": 172, "duration": 160}
                        ], "metadata": {"total_items": 1}}}
                        """)));

        uis().body(ended(session, false)).post(EVENTS).then().statusCode(202).body("accepted", hasSize(2));

        List<ConsumerRecord<String, CallEvent>> records = topic.awaitCall("globex:" + session, 2);
        assertThat(records).extracting(r -> r.value().kind())
                .containsExactlyInAnyOrder(CallEventKind.CALL_ENDED, CallEventKind.RECORDING_AVAILABLE);
        CallEvent ended = records.stream().map(ConsumerRecord::value)
                .filter(e -> e.kind() == CallEventKind.CALL_ENDED).findFirst().orElseThrow();
        assertThat(ended.call().outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(ended.call().releaseCause()).isEqualTo("16");
        assertThat(ended.durations().total()).isEqualTo(172);
        assertThat(ended.durations().talk()).isEqualTo(160);
        assertThat(ended.recording().location())
                .isEqualTo("https://app.uiscom.ru/system/media/talk/31451224/2a0f4bbd2c1a4e9b/");
        assertThat(ended.raw()).doesNotContainKey(EventDraft.UNENRICHED)
                .containsEntry("call_legs_report.release_cause_code", "16");

        WireMockResource.server().verify(1, postRequestedFor(urlPathMatching(DATA_API)).withRequestBody(equalToJson("""
                { "jsonrpc": "2.0", "id": "${json-unit.any-number}", "method": "get.call_legs_report",
                  "date_from": "2017-06-01 14:34:00", "date_till": "2017-06-01 14:36:52",
                  "params": { "access_token": "N2dw2Rf33fn23fknkmdfeJmcP",
                    "filter": { "filters": [ { "field": "call_session_id", "operator": "=", "value": 31451224 },
                                             { "field": "is_talked", "operator": "=", "value": true } ],
                                "condition": "and" },
                    "fields": [ "id", "call_seesion_id", "call_records", "release_cause_code", "direction",
                                "start_time", "employee_id", "called_phone_number", "contact_phone_number",
                                "total_duration", "duration" ] } }
                """, false, false)));
    }

    @Test
    void whenTheDataApiFailsTheCallIsStillEndedMarkedUnenrichedRetriedAndCounted() {
        long session = 31459999;
        WireMockResource.server().stubFor(post(urlPathMatching(DATA_API))
                .withRequestBody(matchingJsonPath("$.params.filter.filters[0].value", WireMock.equalTo("" + session)))
                .willReturn(aResponse().withStatus(500)));

        uis().body(ended(session, false)).post(EVENTS).then().statusCode(202).body("accepted", hasSize(1));

        CallEvent ended = topic.awaitCall("globex:" + session, 1).get(0).value();
        assertThat(ended.kind()).isEqualTo(CallEventKind.CALL_ENDED);
        assertThat(ended.call().outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(ended.raw()).containsKey(EventDraft.UNENRICHED);
        // one attempt and the source's one retry
        WireMockResource.server().verify(2, postRequestedFor(urlPathMatching(DATA_API))
                .withRequestBody(matchingJsonPath("$.params.filter.filters[0].value", WireMock.equalTo("" + session))));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "callbridge_ingest_enrichment_failures_total{source=\"uis-moscow\"}"));
    }

    @Test
    void theEndOfOneCallSentTwiceHasTheSameEventId() {
        long session = 31451003;
        String first = uis().body(ended(session, true)).post(EVENTS).then().statusCode(202)
                .extract().path("accepted[0].eventId");
        String second = uis().body(ended(session, true)).post(EVENTS).then().statusCode(202)
                .extract().path("accepted[0].eventId");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void fieldNamesFollowTheSourcesTemplate() {
        given().contentType(ContentType.JSON).body("""
                        {"session": "yk-77", "caller": "83432000000", "lost": "1", "started": "2024-01-01 00:30:00"}
                        """)
                .when().post("/v1/sources/uis-templated/events")
                .then().statusCode(202);

        CallEvent event = topic.awaitCall("globex:yk-77", 1).get(0).value();
        assertThat(event.call().outcome()).isEqualTo(Outcome.MISSED);
        assertThat(event.parties().customer().e164()).isEqualTo("+73432000000");
        // Yekaterinburg is UTC+5: half past midnight on New Year's Day is still 2023 in UTC
        assertThat(event.times().startedAt()).isEqualTo(Instant.parse("2023-12-31T19:30:00Z"));
    }

    @Test
    void aNotificationWithoutItsCallIdIsNamed() {
        uis().body("{\"is_lost\": true}").post(EVENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("call_session_id"));
    }

    @Test
    void aBadTimeIsNamed() {
        uis().body(ended(31451004, true).replace("2017-06-01 14:34:00", "01.06.2017 14:34")).post(EVENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("start_time"));
    }

    @Test
    void notAJsonObjectIsAProblem() {
        uis().body("[1,2]").post(EVENTS)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
