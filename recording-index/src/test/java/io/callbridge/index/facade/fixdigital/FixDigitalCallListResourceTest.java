package io.callbridge.index.facade.fixdigital;

import io.callbridge.common.event.Direction;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class FixDigitalCallListResourceTest {

    private static final String PATH = "/fixdigital/call-list";

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
    void theCallsOfANumberWithTheColumnsOfTheSqlExample() {
        String number = EndedCall.uniqueTelAvivNumber();
        // 09:41 UTC is 11:41 in Jerusalem in March 2024 (before summer time).
        EndedCall.of().customer(number).extension("777").startedAt("2024-03-05T09:41:00Z")
                .lasting(Duration.ofSeconds(188)).recording("/var/spool/rec/777-" + number + ".wav").indexedThrough(kafka);
        EndedCall.of().customer(number).extension("778").direction(Direction.OUTBOUND)
                .startedAt("2024-03-06T09:00:00Z").lasting(Duration.ofSeconds(20)).indexedThrough(kafka);
        EndedCall.of().tenant(CallEvents.GLOBEX).customer(number).indexedThrough(kafka);

        JsonPath answer = as(ACME_KEY).queryParam("number", "972" + number.substring(1))
                .when().get(PATH)
                .then().statusCode(200).contentType("application/json")
                .body("success", equalTo(true))
                .extract().jsonPath();

        Map<String, Object> outbound = new HashMap<>(Map.of("time", "2024-03-06 11:00:00", "ext", "778",
                "number", number, "duration", 20, "incoming", 0));
        outbound.put("filename", null);
        assertThat(answer.getList("result", Map.class)).containsExactly(
                outbound,
                Map.of("time", "2024-03-05 11:41:00", "ext", "777", "number", number, "duration", 188,
                        "filename", "/var/spool/rec/777-" + number + ".wav", "incoming", 1));
    }

    @Test
    void aNumberWithNoCallsGivesAnEmptyList() {
        as(ACME_KEY).queryParam("number", EndedCall.uniqueTelAvivNumber())
                .when().get(PATH)
                .then().statusCode(200).body("success", equalTo(true)).body("result", equalTo(List.of()));
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        as(ACME_KEY).when().get(PATH).then().statusCode(400).body("errors[0].field", equalTo("number"));
        as(ACME_KEY).queryParam("number", "033004799").queryParam("limit", "500")
                .when().get(PATH).then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("number", "033004799").when().get(PATH).then().statusCode(401);
    }
}
