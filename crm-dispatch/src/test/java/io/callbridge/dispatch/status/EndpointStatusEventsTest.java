package io.callbridge.dispatch.status;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.callbridge.common.endpoint.EndpointStatusChanged;
import io.callbridge.common.endpoint.EndpointStatusChanged.EndpointStatus;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.delivery.CrmClient;
import io.callbridge.dispatch.endpoint.EndpointRegistry;
import io.callbridge.dispatch.testing.EndpointEventsTopic;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Disabling an endpoint (a failure streak, a 410) and enabling it again (the API, the configuration) each publish an
 * {@link EndpointStatusChanged} to {@code callbridge.endpoint-events}, read back here from the real topic; enabling
 * sends the deliveries that waited, in each call's order.
 */
@QuarkusTest
class EndpointStatusEventsTest extends DispatchTest {

    private static final String ACME = "Bearer acme-test-key";

    private static EndpointEventsTopic notifications;

    @Inject
    EndpointRegistry registry;

    @BeforeAll
    static void readNotifications() {
        notifications = new EndpointEventsTopic();
    }

    @AfterAll
    static void stopReadingNotifications() {
        notifications.close();
    }

    @Test
    void aFailureStreakPublishesDisabledAndEnablingThroughTheApiPublishesEnabledAndSendsTheBacklogInOrder() {
        String name = "streak-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/" + name;
        StubMapping failing = crm.stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(serverError()));
        given().header("Authorization", ACME).contentType(ContentType.JSON).body("""
                        {"name": "%s", "urlTemplate": "http://localhost:%d%s?call={callId}&kind={kind}",
                         "retrySchedule": ["0s"%s], "retryJitter": 0}"""
                        .formatted(name, crm.port(), path, ",\"10ms\"".repeat(29)))
                .when().post("/v1/endpoints").then().statusCode(201);
        String callId = TestEvents.newCallId();
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);
        CallEvent answered = TestEvents.event(callId, CallEventKind.CALL_ANSWERED);
        CallEvent ended = TestEvents.event(callId, CallEventKind.CALL_ENDED);

        topic.send(offered);

        ConsumerRecord<String, EndpointStatusChanged> disabled = notifications.awaitChange(event ->
                event.endpointId().equals(name) && event.status() == EndpointStatus.DISABLED);
        assertThat(disabled.key()).isEqualTo("acme:" + name);
        assertThat(disabled.value().tenant()).isEqualTo(TenantId.of("acme"));
        assertThat(disabled.value().failureStreak()).isEqualTo(25);
        assertThat(disabled.value().reason()).startsWith("25 failed attempts in a row, the last: HTTP 500");
        assertThat(requests.of(path, offered.eventId())).hasSize(25);

        topic.send(answered);
        topic.send(ended);
        String key = "acme/" + name;
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.delivery(ended.eventId(), key).isPresent());
        assertThat(requests.of(path, answered.eventId())).as("parked while disabled").isEmpty();

        crm.removeStub(failing);
        given().header("Authorization", ACME).when().post("/v1/endpoints/" + name + "/enable")
                .then().statusCode(200);

        EndpointStatusChanged enabled = notifications.awaitChange(event ->
                event.endpointId().equals(name) && event.status() == EndpointStatus.ENABLED).value();
        assertThat(enabled.reason()).isEqualTo("enabled through the API");
        assertThat(enabled.failureStreak()).isZero();
        assertThat(enabled.eventId()).isNotEqualTo(disabled.value().eventId());
        outbox.awaitState(ended.eventId(), key, "DELIVERED");
        assertThat(requests.all().stream().filter(request -> request.getUrl().startsWith(path + "?"))
                .map(request -> request.getHeader(CrmClient.EVENT_ID)).distinct().toList())
                .containsExactly(offered.eventId().toString(), answered.eventId().toString(),
                        ended.eventId().toString());
        assertThat(notifications.of("acme", name)).extracting(EndpointStatusChanged::status)
                .containsExactly(EndpointStatus.DISABLED, EndpointStatus.ENABLED);
        given().header("Authorization", ACME).when().delete("/v1/endpoints/" + name).then().statusCode(204);
    }

    @Test
    void aDeclaredEndpointDisabledBy410IsEnabledAgainByItsConfiguration() {
        String path = "/reenabled";
        TenantId tenant = TenantId.of("reenabled");
        StubMapping gone = crm.stubFor(get(urlPathEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(410)));
        String callId = TestEvents.newCallId();
        CallEvent offered = TestEvents.event(tenant, callId, CallEventKind.CALL_OFFERED);
        CallEvent ended = TestEvents.event(tenant, callId, CallEventKind.CALL_ENDED);

        topic.send(offered);
        EndpointStatusChanged disabled = notifications.awaitChange(event -> event.endpointId().equals("reenabled")
                && event.status() == EndpointStatus.DISABLED).value();
        assertThat(disabled.tenant()).isEqualTo(tenant);
        assertThat(disabled.reason()).isEqualTo("the CRM answered 410 Gone");
        topic.send(ended);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.delivery(ended.eventId(), "reenabled").isPresent());

        crm.removeStub(gone);
        // What a restart does with `enabled: true` in the endpoint's configuration.
        registry.enableConfigured().await().atMost(Duration.ofSeconds(10));

        EndpointStatusChanged enabled = notifications.awaitChange(event -> event.endpointId().equals("reenabled")
                && event.status() == EndpointStatus.ENABLED).value();
        assertThat(enabled.reason()).isEqualTo("enabled by configuration");
        outbox.awaitState(ended.eventId(), "reenabled", "DELIVERED");
        assertThat(outbox.delivery(offered.eventId(), "reenabled").orElseThrow().state()).isEqualTo("DELIVERED");
        assertThat(requests.ofPath(path)).extracting(request -> request.getHeader(CrmClient.EVENT_ID))
                .containsExactly(offered.eventId().toString(), offered.eventId().toString(),
                        ended.eventId().toString());
    }

    @Test
    void aChangeThatAStoppedInstanceDidNotPublishIsPublishedByTheNextPoll() {
        String name = "left-behind-" + UUID.randomUUID().toString().substring(0, 8);
        // As the trigger writes it with the change; the instance died before relaying it.
        UUID eventId = pool.preparedQuery("""
                        INSERT INTO endpoint_event (endpoint, tenant, status, reason, failure_streak)
                        VALUES ($1, 'acme', 'DISABLED', 'the CRM answered 410 Gone', 3) RETURNING event_id""")
                .execute(Tuple.of("acme/" + name)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getUUID("event_id");

        EndpointStatusChanged published = notifications.awaitChange(event -> event.eventId().equals(eventId)).value();

        assertThat(published.endpointId()).isEqualTo(name);
        assertThat(published.failureStreak()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.preparedQuery(
                        "SELECT published_at IS NOT NULL AS done FROM endpoint_event WHERE event_id = $1")
                .execute(Tuple.of(eventId)).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getBoolean("done"));
        assertThat(notifications.all().stream().filter(record -> record.value().eventId().equals(eventId)))
                .hasSize(1);
    }
}
