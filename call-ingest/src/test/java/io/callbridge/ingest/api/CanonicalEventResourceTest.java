package io.callbridge.ingest.api;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.infra.quarkus.KafkaTestResource;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
public class CanonicalEventResourceTest {

    static final String ACME_KEY = "Bearer acme-test-key";
    static final String GLOBEX_KEY = "Bearer globex-test-key";

    private static CallEventsTopic topic;

    @BeforeAll
    static void subscribe() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    /** FixDigital's incoming call of 004, as a canonical event. */
    public static String offeredCall(String callId) {
        return """
                {"callId":"%s","tenant":"acme","source":{"system":"fixdigital","instance":"tlv"},
                 "kind":"CALL_OFFERED","times":{"occurredAt":"2024-03-05T09:41:00Z"},
                 "parties":{"customer":"033004799","extension":"777"},
                 "call":{"direction":"INBOUND"},
                 "raw":{"operation":"incomingCall","sExt":"777","sNumber":"033004799","ClientId":"10"}}
                """.formatted(callId);
    }

    @Test
    void anAcceptedEventIsOnKafkaKeyedByItsCallWithNumbersInE164() {
        String callId = "call-" + UUID.randomUUID();

        String eventId = given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall(callId))
                .when().post("/v1/events")
                .then().statusCode(202)
                .body("callId", equalTo(callId))
                .body("eventId", notNullValue())
                .extract().path("eventId");

        List<ConsumerRecord<String, CallEvent>> records = topic.awaitRecords(UUID.fromString(eventId), 1);
        ConsumerRecord<String, CallEvent> record = records.get(0);
        assertThat(record.key()).isEqualTo("acme:" + callId);
        CallEvent event = record.value();
        assertThat(event.schemaVersion()).isEqualTo(CallEvent.SCHEMA_VERSION);
        assertThat(event.kind()).isEqualTo(CallEventKind.CALL_OFFERED);
        assertThat(event.times().occurredAt()).isEqualTo(Instant.parse("2024-03-05T09:41:00Z"));
        assertThat(event.parties().customer())
                .isEqualTo(new PhoneNumber("033004799", "+97233004799", PhoneNumber.Type.E164));
        assertThat(event.parties().extension()).isEqualTo("777");
        assertThat(event.raw()).containsEntry("sNumber", "033004799");
    }

    @Test
    void theSameNotificationTwiceGetsTheSameEventId() {
        String body = offeredCall("call-" + UUID.randomUUID());

        String first = given().contentType(ContentType.JSON).header("Authorization", ACME_KEY).body(body)
                .post("/v1/events").then().statusCode(202).extract().path("eventId");
        String second = given().contentType(ContentType.JSON).header("Authorization", ACME_KEY).body(body)
                .post("/v1/events").then().statusCode(202).extract().path("eventId");

        assertThat(second).isEqualTo(first);
        List<ConsumerRecord<String, CallEvent>> both = topic.awaitRecords(UUID.fromString(first), 2);
        assertThat(both).extracting(ConsumerRecord::partition).containsOnly(both.get(0).partition());
    }

    @Test
    void aMissingFieldIsNamedInAProblem() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("\"callId\":\"c1\",", ""))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("callId"))
                .body("detail", containsString("callId"));
    }

    @Test
    void aMissingNestedFieldIsNamedByItsPath() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("\"occurredAt\":\"2024-03-05T09:41:00Z\"", ""))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("times.occurredAt"));
    }

    @Test
    void anUnknownKindIsNamed() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("CALL_OFFERED", "RINGING"))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("CALL_OFFERED"))
                .body("detail", org.hamcrest.Matchers.not(containsString("io.callbridge")));
    }

    @Test
    void aBadTimeIsNamed() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("2024-03-05T09:41:00Z", "2024-03-05 09:41:00"))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("times.occurredAt"));
    }

    @Test
    void anInvalidTenantIdIsNamed() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("\"tenant\":\"acme\"", "\"tenant\":\"a cme!\""))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("tenant"));
    }

    @Test
    void aTypoInAFieldNameIsNamed() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("\"callId\"", "\"callID\""))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("callID"));
    }

    @Test
    void aBlankNumberIsNamed() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("\"customer\":\"033004799\"", "\"customer\":\" \""))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("parties.customer.raw"));
    }

    @Test
    void aNewerSchemaVersionIsRefused() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body(offeredCall("c1").replace("{\"callId\"", "{\"schemaVersion\":2,\"callId\""))
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("schemaVersion"));
    }

    @Test
    void notJsonIsAProblemWithoutInternals() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .body("{\"callId\": ")
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
    }

    @Test
    void anEmptyBodyIsAProblem() {
        given().contentType(ContentType.JSON).header("Authorization", ACME_KEY)
                .when().post("/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void withoutAKeyTheAnswerIs401() {
        given().contentType(ContentType.JSON).body(offeredCall("c1"))
                .when().post("/v1/events")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownKeyIs401() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer guessed").body(offeredCall("c1"))
                .when().post("/v1/events")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anotherTenantsKeyIs403() {
        given().contentType(ContentType.JSON).header("Authorization", GLOBEX_KEY).body(offeredCall("c1"))
                .when().post("/v1/events")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("acme"));
    }

    @Test
    void theWrongMethodIsAProblemToo() {
        given().header("Authorization", ACME_KEY)
                .when().delete("/v1/events")
                .then().statusCode(405)
                .contentType("application/problem+json");
    }
}
