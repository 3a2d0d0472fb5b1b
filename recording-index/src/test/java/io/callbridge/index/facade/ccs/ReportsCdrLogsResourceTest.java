package io.callbridge.index.facade.ccs;

import io.callbridge.index.testing.Api;
import io.callbridge.index.testing.CallEvents;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.GLOBEX_KEY;
import static io.callbridge.index.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ReportsCdrLogsResourceTest {

    private static final String PATH = "/ccs/reportsCDRLogs";

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
    void aDateRangeGivesAtMost100CallsPerAnswerAndTheCursorContinues() {
        // 105 calls one minute apart on a day no other test uses; the range is in acme's zone (UTC+2 in January).
        List<String> oldestFirst = new ArrayList<>();
        Instant first = Instant.parse("2023-01-10T08:00:00Z");
        for (int i = 0; i < 105; i++) {
            EndedCall call = EndedCall.of().startedAt(first.plusSeconds(60L * i));
            kafka.publish(call.event());
            oldestFirst.add(call.callId());
        }
        oldestFirst.forEach(callId -> Api.awaitCall(callId, Api.eventCount(1)));

        JsonPath page = report(Map.of("startdate", "2023-01-10 10:00:00", "finishdate", "2023-01-10 11:44:00"));
        assertThat(page.getList("CallList")).hasSize(100);
        List<String> seen = new ArrayList<>(page.getList("CallList.activecallkey", String.class));
        assertThat(page.getString("CallList[0].startdate")).isEqualTo("2023-01-10 10:00:00");

        JsonPath rest = report(Map.of("startdate", "2023-01-10 10:00:00", "finishdate", "2023-01-10 11:44:00",
                "cursor", page.getString("cursor")));
        seen.addAll(rest.getList("CallList.activecallkey", String.class));
        assertThat(seen).containsExactlyElementsOf(oldestFirst);

        JsonPath end = report(Map.of("startdate", "2023-01-10", "finishdate", "2023-01-10",
                "cursor", rest.getString("cursor")));
        assertThat(end.getList("CallList")).isEmpty();
        assertThat(end.getString("cursor")).isNotEmpty();
    }

    @Test
    void anActiveCallKeyGivesItsCallOrAnEmptyList() {
        EndedCall call = EndedCall.of().startedAt("2023-02-01T08:00:00Z").recording("/rec/ccs.wav")
                .indexedThrough(kafka);

        as(ACME_KEY).queryParam("activecallkey", call.callId()).when().get(PATH)
                .then().statusCode(200)
                .body("CallList", hasSize(1))
                .body("CallList[0].activecallkey", equalTo(call.callId()))
                .body("CallList[0].recordings[0]", equalTo("/rec/ccs.wav"))
                .body("CallList[0].result", equalTo("answered"))
                .body("cursor", not(emptyString()));
        as(GLOBEX_KEY).queryParam("activecallkey", call.callId()).when().get(PATH)
                .then().statusCode(200).body("CallList", hasSize(0)).body("cursor", not(emptyString()));
        as(ACME_KEY).queryParam("activecallkey", CallEvents.newCallId()).when().get(PATH)
                .then().statusCode(200).body("CallList", hasSize(0));
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        Map<String, Map<String, String>> badQueries = Map.of(
                "startdate", Map.of("startdate", "01/10/2023"),
                "finishdate", Map.of("startdate", "2023-01-10", "finishdate", "2023-01-09"),
                "activecallkey", Map.of("activecallkey", "x", "startdate", "2023-01-10"),
                "cursor", Map.of("startdate", "2023-01-10", "cursor", "%%%"));
        badQueries.forEach((field, query) -> as(ACME_KEY).queryParams(query).when().get(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)));
        as(ACME_KEY).when().get(PATH).then().statusCode(400).body("errors[0].field", equalTo("startdate"));
    }

    private static JsonPath report(Map<String, String> query) {
        return as(ACME_KEY).queryParams(query).when().get(PATH).then().statusCode(200).extract().jsonPath();
    }
}
