package io.callbridge.dispatch.api;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class EndpointResourceTest extends DispatchTest {

    static final String ACME = "Bearer acme-test-key";
    static final String GLOBEX = "Bearer globex-test-key";

    @Test
    void aDefinedEndpointGetsTheEventsItsKindsAndFiltersWant() {
        String name = newName();
        String path = "/" + name;
        create(ACME, """
                {"name": "%s", "urlTemplate": "%s?call={callId}&kind={kind}",
                 "kinds": ["CALL_OFFERED"], "filters": {"call.direction": "INBOUND"},
                 "retrySchedule": ["0s", "100ms"], "timeout": "2s"}""".formatted(name, base() + path))
                .statusCode(201)
                .header("Location", containsString("/v1/endpoints/" + name))
                .body("name", equalTo(name))
                .body("enabled", equalTo(true));
        String callId = TestEvents.newCallId();
        CallEvent outbound = withDirection(TestEvents.event(callId, CallEventKind.CALL_OFFERED), Direction.OUTBOUND);
        CallEvent inbound = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        CallEvent ended = TestEvents.event(inbound.callId(), CallEventKind.CALL_ENDED);

        topic.send(outbound);
        topic.send(inbound);
        topic.send(ended);

        requests.awaitFor(path, inbound.eventId(), 1);
        outbox.awaitState(ended.eventId(), "crm", "DELIVERED");
        outbox.awaitState(outbound.eventId(), "crm", "DELIVERED");
        assertThat(requests.of(path, outbound.eventId())).isEmpty();
        assertThat(requests.of(path, ended.eventId())).isEmpty();
        given().header("Authorization", ACME).when().get("/v1/endpoints")
                .then().statusCode(200).body("name", hasItem(name));
        // The other test classes' acme events are not for it.
        given().header("Authorization", ACME).when().delete("/v1/endpoints/" + name).then().statusCode(204);
    }

    @Test
    void aDefinitionThatCannotBeDeliveredIsRefusedNamingTheField() {
        String url = base() + "/x?call={callId}";
        refused("""
                {"name": "%s", "urlTemplate": "ftp://crm.example/{callId}"}""".formatted(newName()), "urlTemplate");
        refused("""
                {"name": "%s", "urlTemplate": "not a url {callId}"}""".formatted(newName()), "urlTemplate");
        refused("""
                {"name": "%s", "urlTemplate": "http://crm.example/pop?call={callId"}""".formatted(newName()),
                "urlTemplate");
        refused("""
                {"name": "%s", "urlTemplate": "http://crm.example/pop?n={parties.custmer.raw}"}""".formatted(newName()),
                "urlTemplate").body("detail", containsString("custmer"));
        refused("""
                {"name": "%s", "urlTemplate": "%s", "filters": {"call.directon": "INBOUND"}}"""
                .formatted(newName(), url), "filters.call.directon");
        refused("""
                {"name": "%s", "urlTemplate": "%s", "timeout": "soon"}""".formatted(newName(), url), "timeout");
        refused("""
                {"name": "%s", "urlTemplate": "%s", "retrySchedule": ["0s", "later"]}""".formatted(newName(), url),
                "retrySchedule[1]");
        refused("""
                {"name": "%s", "urlTemplate": "%s", "successBody": "(unclosed"}""".formatted(newName(), url),
                "successBody");
        refused("""
                {"urlTemplate": "%s"}""".formatted(url), "name");
        refused("""
                {"name": "%s", "urlTemplate": "%s", "kinds": ["CALL_RINGING_LOUDLY"]}""".formatted(newName(), url),
                "kinds[0]");
    }

    @Test
    void anEndpointBelongsToItsTenant() {
        String name = newName();
        create(ACME, """
                {"name": "%s", "urlTemplate": "%s/%s?call={callId}"}""".formatted(name, base(), name))
                .statusCode(201);

        create(ACME, """
                {"name": "%s", "urlTemplate": "%s/%s?call={callId}"}""".formatted(name, base(), name))
                .statusCode(409);
        given().header("Authorization", GLOBEX).when().get("/v1/endpoints/" + name).then().statusCode(404);
        given().header("Authorization", GLOBEX).when().get("/v1/endpoints")
                .then().statusCode(200).body("name", not(hasItem(name)));
        given().when().get("/v1/endpoints").then().statusCode(401);
        given().header("Authorization", GLOBEX).when().delete("/v1/endpoints/" + name).then().statusCode(404);
        given().header("Authorization", ACME).when().delete("/v1/endpoints/" + name).then().statusCode(204);
        given().header("Authorization", ACME).when().get("/v1/endpoints/" + name).then().statusCode(404);
    }

    @Test
    void aUrlThatResolvesToAnAddressTheTenantMayNotReachIsRefusedAtCreation() {
        // Acme may reach loopback (the stubs), nothing else of the service's own networks.
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.7/pop",
                "http://[::ffff:192.168.1.1]/pop", "http://100.64.0.1/pop", "http://[fd00:ec2::254]/pop")) {
            refused("""
                    {"name": "%s", "urlTemplate": "%s?call={callId}"}""".formatted(newName(), url), "urlTemplate")
                    .body("errors.message", hasItem(containsString("refused: ")))
                    .body("errors.message", hasItem(containsString("not allowed for tenant acme")));
        }
        String name = newName();
        create(ACME, """
                {"name": "%s", "urlTemplate": "%s/%s?call={callId}"}""".formatted(name, base(), name))
                .statusCode(201);
        given().header("Authorization", ACME).contentType(ContentType.JSON).body("""
                        {"name": "%s", "urlTemplate": "http://169.254.169.254/pop?call={callId}"}""".formatted(name))
                .when().put("/v1/endpoints/" + name).then().statusCode(400)
                .body("errors.field", hasItem("urlTemplate"));
        given().header("Authorization", ACME).when().get("/v1/endpoints/" + name).then().statusCode(200)
                .body("definition.urlTemplate", containsString("localhost"));
        given().header("Authorization", ACME).when().delete("/v1/endpoints/" + name).then().statusCode(204);
    }

    @Test
    void anEndpointDisabledBy410GetsItsBacklogOnceEnabledAgain() {
        String name = newName();
        String path = "/" + name;
        StubMapping gone = crm.stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(410)));
        create(GLOBEX, """
                {"name": "%s", "urlTemplate": "%s%s?call={callId}", "retrySchedule": ["0s", "100ms"]}"""
                .formatted(name, base(), path)).statusCode(201);
        CallEvent first = TestEvents.event(io.callbridge.common.tenant.TenantId.of("globex"), TestEvents.newCallId(),
                CallEventKind.CALL_OFFERED);
        CallEvent second = TestEvents.event(io.callbridge.common.tenant.TenantId.of("globex"), TestEvents.newCallId(),
                CallEventKind.CALL_OFFERED);

        topic.send(first);
        requests.awaitFor(path, first.eventId(), 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                !given().header("Authorization", GLOBEX).when().get("/v1/endpoints/" + name).then()
                        .extract().jsonPath().getBoolean("enabled"));
        topic.send(second);
        String key = "globex/" + name;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> outbox.delivery(second.eventId(), key).isPresent());
        given().header("Authorization", GLOBEX).when().get("/v1/endpoints/" + name)
                .then().body("disabledReason", containsString("410"));
        assertThat(requests.of(path, second.eventId())).isEmpty();

        crm.removeStub(gone);
        given().header("Authorization", GLOBEX).when().post("/v1/endpoints/" + name + "/enable")
                .then().statusCode(200).body("enabled", equalTo(true));

        outbox.awaitState(first.eventId(), key, "DELIVERED");
        outbox.awaitState(second.eventId(), key, "DELIVERED");
        given().header("Authorization", GLOBEX).when().delete("/v1/endpoints/" + name).then().statusCode(204);
    }

    private ValidatableResponse create(String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .when().post("/v1/endpoints").then();
    }

    private ValidatableResponse refused(String body, String field) {
        return create(ACME, body).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private String base() {
        return "http://localhost:" + crm.port();
    }

    private static String newName() {
        return "ep-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CallEvent withDirection(CallEvent event, Direction direction) {
        return new CallEvent(event.schemaVersion(), event.eventId(), event.callId(), event.tenant(), event.source(),
                event.kind(), event.times(), event.parties(), new CallDetails(direction, null, null, null, null),
                event.durations(), event.context(), event.recording(), event.raw());
    }
}
