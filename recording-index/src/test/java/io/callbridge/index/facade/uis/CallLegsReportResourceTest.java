package io.callbridge.index.facade.uis;

import io.callbridge.index.testing.EndedCall;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** UIS get.call_legs_report; acme's zone is Asia/Jerusalem in the test profile (UTC+3 in June). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CallLegsReportResourceTest {

    private static final String PATH = "/uis/v2.0";
    /** 003's request, verbatim (its access_token is a key of acme in the test profile). */
    private static final String SAMPLE = """
            { "jsonrpc": "2.0", "id": 1122, "method": "get.call_legs_report", "date_from": "2017-06-01 14:34:00", \
            "date_till": "2017-06-01 14:36:52", "params": { "access_token": "N2dw2Rf33fn23fknkmdfeJmcP", "filter": \
            { "filters": [ { "field": "call_session_id", "operator": "=", "value": 31451224 }, { "field": "is_talked", \
            "operator": "=", "value": true } ], "condition": "and" }, "fields": [ "id", "call_seesion_id", \
            "call_records", "release_cause_code", "direction", "start_time", "employee_id", "called_phone_number", \
            "contact_phone_number", "total_duration", "duration" ] } }""";

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
    void theSampleRequestAnswersTheRequestedFieldsOfItsCall() {
        EndedCall.of().callId("31451224").employee("13421").did("035551234").releaseCause("16")
                .startedAt("2017-06-01T11:35:00Z").lasting(Duration.ofSeconds(100))
                .recording("/rec/31451224.mp3").indexedThrough(kafka);
        EndedCall.of().employee("13421").startedAt("2017-06-01T11:35:30Z").indexedThrough(kafka);

        JsonPath answer = rpc(SAMPLE);

        assertThat(answer.getString("jsonrpc")).isEqualTo("2.0");
        assertThat(answer.getInt("id")).isEqualTo(1122);
        assertThat(answer.getMap("error")).isNull();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 31451224);
        expected.put("call_seesion_id", 31451224);
        expected.put("call_records", List.of("/rec/31451224.mp3"));
        expected.put("release_cause_code", 16);
        expected.put("direction", "in");
        expected.put("start_time", "2017-06-01 14:35:00");
        expected.put("employee_id", 13421);
        expected.put("called_phone_number", "97235551234");
        expected.put("contact_phone_number", "97233004799");
        expected.put("total_duration", 100);
        expected.put("duration", 95);
        List<Map<String, Object>> data = answer.getList("result.data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0)).containsExactlyEntriesOf(expected);
    }

    @Test
    void nestedFiltersCombineAndWithOr() {
        String a = EndedCall.of().employee("emp-a").startedAt("2017-06-02T08:00:00Z").lasting(Duration.ofSeconds(60))
                .indexedThrough(kafka).callId();
        EndedCall.of().employee("emp-b").missed().startedAt("2017-06-02T08:01:00Z").lasting(Duration.ofSeconds(400))
                .indexedThrough(kafka);
        String c = EndedCall.of().employee("emp-c").startedAt("2017-06-02T08:02:00Z").lasting(Duration.ofSeconds(300))
                .indexedThrough(kafka).callId();
        EndedCall.of().employee("emp-d").startedAt("2017-06-02T08:03:00Z").lasting(Duration.ofSeconds(30))
                .indexedThrough(kafka);

        JsonPath answer = rpc(request("""
                "filter": {"condition": "and", "filters": [
                  {"field": "is_lost", "operator": "=", "value": false},
                  {"condition": "or", "filters": [
                    {"field": "employee_id", "operator": "in", "value": ["emp-a", "emp-x"]},
                    {"field": "total_duration", "operator": ">=", "value": 300}]}]},
                "fields": ["call_session_id"]""", "2017-06-02 11:00:00", "2017-06-02 11:59:59"));

        assertThat(answer.getList("result.data.call_session_id", String.class)).containsExactly(a, c);
    }

    @Test
    void badRequestsGetJsonRpcErrorObjectsNamingTheMember() {
        Map<String, String> invalidParams = Map.of(
                "filter.filters[0].operator", filtered("{\"field\": \"duration\", \"operator\": \"~\", \"value\": 1}"),
                "filter.filters[0].field", filtered("{\"field\": \"colour\", \"operator\": \"=\", \"value\": 1}"),
                "filter.filters[0].value", filtered("{\"field\": \"duration\", \"operator\": \"=\", \"value\": \"long\"}"),
                "filter.filters[1].filters", filtered("{\"field\": \"duration\", \"operator\": \"=\", \"value\": 1}, "
                        + "{\"filters\": 7}"),
                "fields[0]", request("\"fields\": [\"nope\"]", "2017-06-01 14:34:00", "2017-06-01 14:36:52"),
                "date_from", request("\"fields\": [\"id\"]", "yesterday", "2017-06-01 14:36:52"));
        invalidParams.forEach((field, body) -> {
            JsonPath answer = rpc(body);
            assertThat(answer.getInt("error.code")).as(field).isEqualTo(-32602);
            assertThat(answer.getString("error.data.field")).as(field).isEqualTo(field);
            assertThat(answer.getInt("id")).isEqualTo(7);
        });
        assertThat(rpc("{not json").getInt("error.code")).isEqualTo(-32700);
        assertThat(rpc(SAMPLE.replace("get.call_legs_report", "get.calls")).getInt("error.code")).isEqualTo(-32601);
        assertThat(rpc(SAMPLE.replace("N2dw2Rf33fn23fknkmdfeJmcP", "wrong")).getInt("error.code")).isEqualTo(-32001);
    }

    private static String filtered(String filters) {
        return request("\"filter\": {\"filters\": [" + filters + "], \"condition\": \"and\"}", "2017-06-01 14:34:00",
                "2017-06-01 14:36:52");
    }

    private static String request(String params, String from, String till) {
        return "{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"get.call_legs_report\", \"params\": {"
                + "\"access_token\": \"" + "N2dw2Rf33fn23fknkmdfeJmcP" + "\", \"date_from\": \"" + from
                + "\", \"date_till\": \"" + till + "\", " + params + "}}";
    }

    /** Every answer is HTTP 200 with a JSON-RPC body, errors included. */
    private static JsonPath rpc(String body) {
        return given().contentType("application/json").body(body)
                .when().post(PATH)
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }
}
