package io.callbridge.dispatch.delivery;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.testing.CrmStub;
import io.callbridge.dispatch.testing.DeadLetters;
import io.callbridge.dispatch.testing.OutboxRows;
import io.callbridge.dispatch.testing.TestEndpoint;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery against CRMs that fail, through the outbox. The test profile gives {@code crm} 3 attempts, 100 ms and
 * 200 ms apart, of at most 2 s each; the {@link TestEndpoint}s have their own schedules.
 */
@QuarkusTest
class CrmDeliveryTest extends DispatchTest {

    @Test
    void aCrmAnswering500TwiceThen200GetsThreeAttemptsEachOneLogged() {
        String callId = TestEvents.newCallId();
        answerInTurn(CrmStub.PATH, callId, serverError().withBody("down"), serverError(), ok("taken"));
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        assertThat(outbox.awaitState(offered.eventId(), "crm", "DELIVERED").attempts()).isEqualTo(3);
        assertThat(requests.of(CrmStub.PATH, offered.eventId())).hasSize(3)
                .allSatisfy(request -> assertThat(request.getHeader(CrmClient.WEBHOOK_ID))
                        .isEqualTo(offered.eventId().toString()));
        assertThat(outbox.attempts(offered.eventId(), "crm"))
                .extracting(OutboxRows.Attempt::attempt, OutboxRows.Attempt::status, OutboxRows.Attempt::response)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500, "down"),
                        org.assertj.core.groups.Tuple.tuple(2, 500, ""),
                        org.assertj.core.groups.Tuple.tuple(3, 200, "taken"));
    }

    @Test
    void anAttemptWithoutAnAnswerInTimeIsRetried() {
        String callId = TestEvents.newCallId();
        answerInTurn(CrmStub.PATH, callId, ok().withFixedDelay(4_000), ok());
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        assertThat(requests.awaitFor(CrmStub.PATH, offered.eventId(), 2)).hasSize(2);
        outbox.awaitState(offered.eventId(), "crm", "DELIVERED");
        assertThat(outbox.attempts(offered.eventId(), "crm").get(0).outcome()).contains("imeout");
    }

    @Test
    void retriesFollowTheEndpointsScheduleAndAnExhaustedDeliveryIsDeadNotDeadLettered() {
        TestEndpoint spaced = TestEndpoint.SPACED;
        String callId = TestEvents.newCallId();
        crm.stubFor(get(urlPathEqualTo(spaced.path())).withQueryParam("call", equalTo(callId)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        CallEvent offered = TestEvents.event(spaced.tenant(), callId, CallEventKind.CALL_OFFERED);

        try (DeadLetters deadLetters = new DeadLetters()) {
            topic.send(offered);

            OutboxRows.Delivery dead = outbox.awaitState(offered.eventId(), spaced.endpointName(), "DEAD");
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.lastOutcome()).isEqualTo("HTTP 503");
            List<LoggedRequest> received = requests.of(spaced.path(), offered.eventId());
            assertThat(received).hasSize(3);
            assertThat(gap(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(gap(received.get(1), received.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            assertThat(deadLetters.all()).noneMatch(record -> offered.partitionKey().equals(record.key()));
        }
    }

    @Test
    void retryAfterOn429IsHonoured() {
        TestEndpoint polite = TestEndpoint.POLITE;
        String callId = TestEvents.newCallId();
        answerInTurn(polite.path(), callId, aResponse().withStatus(429).withHeader("Retry-After", "2"), ok());
        CallEvent offered = TestEvents.event(polite.tenant(), callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        outbox.awaitState(offered.eventId(), polite.endpointName(), "DELIVERED");
        List<LoggedRequest> received = requests.of(polite.path(), offered.eventId());
        assertThat(received).hasSize(2);
        // The schedule says 100 ms; the CRM asked for 2 s.
        assertThat(gap(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterOn503IsHonouredAsAnHttpDateToo() {
        TestEndpoint polite = TestEndpoint.POLITE;
        String callId = TestEvents.newCallId();
        String inThreeSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3));
        answerInTurn(polite.path(), callId, aResponse().withStatus(503).withHeader("Retry-After", inThreeSeconds),
                ok());
        CallEvent offered = TestEvents.event(polite.tenant(), callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        outbox.awaitState(offered.eventId(), polite.endpointName(), "DELIVERED");
        List<LoggedRequest> received = requests.of(polite.path(), offered.eventId());
        assertThat(gap(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a410DisablesTheEndpointAndItsDeliveriesWait() {
        TestEndpoint gone = TestEndpoint.GONE;
        String callId = TestEvents.newCallId();
        crm.stubFor(get(urlPathEqualTo(gone.path())).atPriority(1).willReturn(aResponse().withStatus(410)));
        CallEvent offered = TestEvents.event(gone.tenant(), callId, CallEventKind.CALL_OFFERED);
        CallEvent other = TestEvents.event(gone.tenant(), TestEvents.newCallId(), CallEventKind.CALL_OFFERED);

        topic.send(offered);
        requests.awaitFor(gone.path(), offered.eventId(), 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !outbox.endpoint(gone.endpointName()).enabled());
        topic.send(other);
        // The endpoint takes nothing more: the other call's delivery is stored, and not attempted.
        CallEvent acmeOffered = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        topic.send(acmeOffered);
        outbox.awaitState(acmeOffered.eventId(), "crm", "DELIVERED");

        assertThat(outbox.endpoint(gone.endpointName()).disabledReason()).contains("410");
        assertThat(outbox.delivery(other.eventId(), gone.endpointName())).get()
                .satisfies(delivery -> assertThat(delivery.state()).isEqualTo("PENDING"))
                .satisfies(delivery -> assertThat(delivery.attempts()).isZero());
        assertThat(outbox.delivery(offered.eventId(), gone.endpointName()).orElseThrow().state())
                .isEqualTo("PENDING");
        assertThat(requests.of(gone.path(), offered.eventId())).hasSize(1);
        assertThat(requests.of(gone.path(), other.eventId())).isEmpty();
    }

    @Test
    void anEndpointFailingTooOftenInARowIsDisabledAndItsDeliveryWaits() {
        TestEndpoint streak = TestEndpoint.STREAK;
        crm.stubFor(get(urlPathEqualTo(streak.path())).atPriority(1).willReturn(serverError()));
        CallEvent offered = TestEvents.event(streak.tenant(), TestEvents.newCallId(), CallEventKind.CALL_OFFERED);

        topic.send(offered);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !outbox.endpoint(streak.endpointName()).enabled());
        assertThat(outbox.endpoint(streak.endpointName()).disabledReason())
                .isEqualTo("25 failed attempts in a row, the last: HTTP 500");
        OutboxRows.Delivery waiting = outbox.delivery(offered.eventId(), streak.endpointName()).orElseThrow();
        assertThat(waiting.state()).isEqualTo("PENDING");
        assertThat(waiting.attempts()).isEqualTo(25);
        assertThat(requests.of(streak.path(), offered.eventId())).hasSize(25);
    }

    @Test
    void aBodyCheckedEndpointTakesOnlyTheAnswerItsCheckAccepts() {
        TestEndpoint checked = TestEndpoint.BODY_CHECKED;
        String callId = TestEvents.newCallId();
        answerInTurn(checked.path(), callId, okJson("{\"success\":false,\"result\":[]}"),
                okJson("{\"success\":true,\"result\":[]}"));
        CallEvent offered = TestEvents.event(checked.tenant(), callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        outbox.awaitState(offered.eventId(), checked.endpointName(), "DELIVERED");
        assertThat(outbox.attempts(offered.eventId(), checked.endpointName()))
                .extracting(OutboxRows.Attempt::outcome)
                .containsExactly("HTTP 200, body not accepted", "HTTP 200");
    }

    @Test
    void theLogKeepsTheFirstTwoKilobytesOfTheAnswer() {
        String callId = TestEvents.newCallId();
        String body = "x".repeat(2047) + "é" + "y".repeat(100);
        answerInTurn(CrmStub.PATH, callId, ok(body));
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        outbox.awaitState(offered.eventId(), "crm", "DELIVERED");
        assertThat(outbox.attempts(offered.eventId(), "crm")).singleElement()
                .satisfies(attempt -> assertThat(attempt.response()).isEqualTo("x".repeat(2047)));
    }

    private static Duration gap(LoggedRequest earlier, LoggedRequest later) {
        return Duration.ofMillis(later.getLoggedDate().getTime() - earlier.getLoggedDate().getTime());
    }

    /** The CRM answers the call's requests to that path with these responses, one after the other. */
    private void answerInTurn(String path, String callId, ResponseDefinitionBuilder... responses) {
        String scenario = path + " " + callId;
        for (int i = 0; i < responses.length; i++) {
            MappingBuilder mapping = get(urlPathEqualTo(path)).withQueryParam("call", equalTo(callId))
                    .atPriority(1)
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answered " + i)
                    .willSetStateTo("answered " + (i + 1))
                    .willReturn(responses[i]);
            crm.stubFor(mapping);
        }
    }
}
