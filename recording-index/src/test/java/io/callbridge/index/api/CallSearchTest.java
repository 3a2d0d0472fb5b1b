package io.callbridge.index.api;

import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.Direction;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CallSearchTest {

    private static final String PROBLEM_JSON = "application/problem+json";

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
    void aNumberInAnyFormFindsTheSameCallsOfTheTenantOnly() {
        String national = EndedCall.uniqueTelAvivNumber();
        String e164 = "+972" + national.substring(1);
        String first = EndedCall.of().customer(national).startedAt("2024-06-01T08:00:00Z").indexedThrough(kafka).callId();
        String second = EndedCall.of().customer(e164).startedAt("2024-06-02T08:00:00Z").indexedThrough(kafka).callId();
        EndedCall.of().tenant(CallEvents.GLOBEX).customer(national).indexedThrough(kafka);

        for (String form : List.of(national, e164, e164.substring(1))) {
            assertThat(callIds(search(Map.of("number", form)))).as(form).containsExactly(second, first);
        }
    }

    @Test
    void everyFilterNarrowsTheCalls() {
        String extension = EndedCall.uniqueExtension();
        String did = EndedCall.uniqueTelAvivNumber();
        String answered = EndedCall.of().extension(extension).agent("agent-A").did(did).disposition("Interested")
                .reference("REF-" + extension).recording("/rec/" + extension + "/a.wav")
                .startedAt("2024-06-01T09:00:00Z").lasting(Duration.ofSeconds(200)).indexedThrough(kafka).callId();
        String missed = EndedCall.of().extension(extension).agent("agent-B").missed().direction(Direction.OUTBOUND)
                .mode(CallMode.PREDICTIVE).startedAt("2024-06-01T10:00:00Z").lasting(Duration.ofSeconds(30))
                .indexedThrough(kafka).callId();
        String late = EndedCall.of().extension(extension).agent("agent-B").startedAt("2024-06-03T10:00:00Z")
                .lasting(Duration.ofSeconds(90)).indexedThrough(kafka).callId();

        Map<Map<String, String>, List<String>> expected = Map.ofEntries(
                Map.entry(Map.of(), List.of(late, missed, answered)),
                Map.entry(Map.of("agent", "agent-B"), List.of(late, missed)),
                Map.entry(Map.of("did", "+972" + did.substring(1)), List.of(answered)),
                Map.entry(Map.of("from", "2024-06-01T09:30:00Z", "to", "2024-06-03T10:00:00Z"), List.of(missed)),
                Map.entry(Map.of("direction", "outbound"), List.of(missed)),
                Map.entry(Map.of("mode", "PREDICTIVE"), List.of(missed)),
                Map.entry(Map.of("outcome", "ANSWERED"), List.of(late, answered)),
                Map.entry(Map.of("disposition", "Interested"), List.of(answered)),
                Map.entry(Map.of("minDuration", "90"), List.of(late, answered)),
                Map.entry(Map.of("minDuration", "31", "maxDuration", "90"), List.of(late)),
                Map.entry(Map.of("hasRecording", "true"), List.of(answered)),
                Map.entry(Map.of("hasRecording", "false"), List.of(late, missed)),
                Map.entry(Map.of("callReference", "REF-" + extension), List.of(answered)));
        expected.forEach((filters, calls) -> {
            Map<String, String> query = new java.util.HashMap<>(filters);
            query.put("extension", extension);
            assertThat(callIds(search(query))).as(filters.toString()).containsExactlyElementsOf(calls);
        });
        assertThat(search(Map.of("extension", extension, "hasRecording", "true"))
                .getString("calls[0].recordings[0].location")).isEqualTo("/rec/" + extension + "/a.wav");
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithoutGapsOrRepeats() {
        String extension = EndedCall.uniqueExtension();
        List<String> newestFirst = new ArrayList<>();
        for (String start : List.of("2024-07-01T10:00:00Z", "2024-07-01T10:00:00Z", "2024-07-01T09:00:00Z",
                "2024-07-01T08:00:00Z", "2024-06-30T08:00:00Z")) {
            newestFirst.add(EndedCall.of().extension(extension).startedAt(start).indexedThrough(kafka).callId());
        }
        // Calls at the same time are ordered by call id, descending.
        if (newestFirst.get(0).compareTo(newestFirst.get(1)) < 0) {
            newestFirst.add(0, newestFirst.remove(1));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("extension", extension, "limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = search(query);
            pageSizes.add(page.getList("calls").size());
            seen.addAll(callIds(page));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aPageCountsCallsAndGivesEachCallAllItsRecordingsInTheOrderTheyBecameKnown() {
        String extension = EndedCall.uniqueExtension();
        String older = EndedCall.of().extension(extension).startedAt("2024-08-01T08:00:00Z").indexedThrough(kafka)
                .callId();
        EndedCall newer = EndedCall.of().extension(extension).startedAt("2024-08-02T08:00:00Z")
                .recording("/rec/" + extension + "/z.wav").indexedThrough(kafka);
        // A second recording of the same call, named later: it sorts first by location, comes second by id.
        kafka.publish(newer.recording("/rec/" + extension + "/a.wav").lasting(Duration.ofSeconds(487)).event());
        Api.awaitCall(ACME_KEY, newer.callId(), Api.eventCount(2));

        JsonPath first = search(Map.of("extension", extension, "limit", "1"));
        assertThat(callIds(first)).containsExactly(newer.callId());
        assertThat(first.getList("calls[0].recordings.location", String.class))
                .containsExactly("/rec/" + extension + "/z.wav", "/rec/" + extension + "/a.wav");
        assertThat(first.getString("nextCursor")).isNotNull();

        JsonPath second = search(Map.of("extension", extension, "limit", "1", "cursor", first.getString("nextCursor")));
        assertThat(callIds(second)).containsExactly(older);
        assertThat(second.getList("calls[0].recordings")).isEmpty();
        assertThat(second.getString("nextCursor")).isNull();
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        Map<String, Map<String, String>> badQueries = Map.of(
                "limit", Map.of("limit", "101"),
                "cursor", Map.of("cursor", "not-a-cursor"),
                "from", Map.of("from", "yesterday"),
                "direction", Map.of("direction", "SIDEWAYS"),
                "minDuration", Map.of("minDuration", "-1"),
                "hasRecording", Map.of("hasRecording", "maybe"),
                "numbr", Map.of("numbr", "033004799"));
        badQueries.forEach((field, query) -> as(ACME_KEY).queryParams(query)
                .when().get("/v1/calls")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo(field)));
    }

    @Test
    void withoutAnApiKeyTheAnswerIs401() {
        given().when().get("/v1/calls").then().statusCode(401).contentType(PROBLEM_JSON).body("status", is(401));
    }

    private static JsonPath search(Map<String, String> query) {
        return as(ACME_KEY).queryParams(query).when().get("/v1/calls")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> callIds(JsonPath page) {
        return page.getList("calls.ids.callId", String.class);
    }
}
