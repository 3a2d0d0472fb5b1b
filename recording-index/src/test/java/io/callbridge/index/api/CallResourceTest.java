package io.callbridge.index.api;

import io.callbridge.index.testing.CallEvents;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.GLOBEX_KEY;
import static io.callbridge.index.testing.Api.awaitCall;
import static io.callbridge.index.testing.Api.eventCount;
import static io.callbridge.index.testing.Api.getCall;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CallResourceTest {

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
    void withoutAnApiKeyTheAnswerIs401() {
        when().get("/v1/calls/{callId}", indexedCallOfAcme())
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("status", is(401));
    }

    @Test
    void withAnUnknownApiKeyTheAnswerIs401() {
        getCall("no-such-key", indexedCallOfAcme())
                .statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("detail", containsString("not known"));
    }

    @Test
    void anotherTenantsCallIsNotFound() {
        String callId = indexedCallOfAcme();
        getCall(GLOBEX_KEY, callId)
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", is(404))
                .body("detail", containsString(callId));
    }

    @Test
    void anUnknownCallIsNotFound() {
        getCall(ACME_KEY, CallEvents.newCallId()).statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void theOwnerGetsItsCall() {
        String callId = indexedCallOfAcme();
        getCall(ACME_KEY, callId)
                .statusCode(200)
                .body("ids.callId", equalTo(callId))
                .body("parties.customer.e164", equalTo("+97233004799"));
    }

    @Test
    void aTooLongCallIdIsABadRequestNamingIt() {
        getCall(ACME_KEY, "x".repeat(129))
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("callId"));
    }

    /** A call of acme that the index serves. */
    private static String indexedCallOfAcme() {
        String callId = CallEvents.newCallId();
        kafka.publish(CallEvents.offered(callId));
        awaitCall(callId, eventCount(1));
        return callId;
    }
}
