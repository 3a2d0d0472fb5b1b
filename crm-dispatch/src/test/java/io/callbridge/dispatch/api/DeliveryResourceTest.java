package io.callbridge.dispatch.api;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class DeliveryResourceTest extends DispatchTest {

    private static final String GLOBEX = "Bearer globex-test-key";

    @Test
    void theLogShowsEveryAttemptAndAReplaySendsADeliveryAgain() {
        String callId = TestEvents.newCallId();
        String name = "log-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/" + name;
        crm.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario(name).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("failed once").willReturn(serverError().withBody("try later")));
        crm.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario(name).whenScenarioStateIs("failed once")
                .willReturn(ok("{\"taken\":true}")));
        given().header("Authorization", GLOBEX).contentType(ContentType.JSON).body("""
                        {"name": "%s", "urlTemplate": "http://localhost:%d%s?call={callId}",
                         "retrySchedule": ["0s", "100ms"], "filters": {"callId": "%s"}}"""
                        .formatted(name, crm.port(), path, callId))
                .when().post("/v1/endpoints").then().statusCode(201);
        CallEvent offered = TestEvents.event(TenantId.of("globex"), callId, CallEventKind.CALL_OFFERED);
        Instant before = Instant.now().minusSeconds(1);

        topic.send(offered);
        outbox.awaitState(offered.eventId(), "globex/" + name, "DELIVERED");

        long id = given().header("Authorization", GLOBEX).queryParam("callId", callId)
                .when().get("/v1/endpoints/" + name + "/deliveries")
                .then().statusCode(200)
                .body("eventId", contains(offered.eventId().toString()))
                .body("[0].state", equalTo("DELIVERED"))
                .body("[0].attempts.status", contains(500, 200))
                .body("[0].attempts.response", contains("try later", "{\"taken\":true}"))
                .body("[0].attempts.outcome", contains("HTTP 500", "HTTP 200"))
                .extract().jsonPath().getLong("[0].id");
        given().header("Authorization", GLOBEX).queryParam("outcome", "dead")
                .when().get("/v1/endpoints/" + name + "/deliveries").then().statusCode(200).body("$", empty());
        given().header("Authorization", GLOBEX).queryParam("outcome", "lost")
                .when().get("/v1/endpoints/" + name + "/deliveries").then().statusCode(400)
                .body("errors.field", hasItem("outcome"));

        given().header("Authorization", GLOBEX).when().post("/v1/endpoints/" + name + "/deliveries/" + id + "/replay")
                .then().statusCode(200).body("replayed", equalTo(1));
        requests.awaitFor(path, offered.eventId(), 3);
        given().header("Authorization", GLOBEX).queryParam("from", before.toString())
                .when().post("/v1/endpoints/" + name + "/replay")
                .then().statusCode(200).body("replayed", equalTo(1));
        requests.awaitFor(path, offered.eventId(), 4);
        assertThat(requests.of(path, offered.eventId())).hasSize(4);
        given().header("Authorization", "Bearer acme-test-key").when().get("/v1/endpoints/" + name + "/deliveries")
                .then().statusCode(404);
    }
}
