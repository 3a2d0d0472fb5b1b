package io.callbridge.dispatch.outbox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.delivery.CrmClient;
import io.callbridge.dispatch.testing.CrmStub;
import io.callbridge.dispatch.testing.TestEndpoint;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call's deliveries to one endpoint go out in event order; calls and endpoints do not wait on each other. The test
 * profile lets a later delivery wait 5 s for an earlier one ({@code callbridge.dispatch.worker.ordering-max-wait}).
 */
@QuarkusTest
class DeliveryOrderTest extends DispatchTest {

    @Test
    void aLaterEventOfTheCallWaitsWhileTheFirstIsRetried() {
        String callId = TestEvents.newCallId();
        String scenario = "order " + callId;
        List<ResponseDefinitionBuilder> answers = List.of(serverError(), serverError(), ok());
        for (int i = 0; i < answers.size(); i++) {
            crm.stubFor(get(urlPathEqualTo(CrmStub.PATH)).withQueryParam("call", equalTo(callId))
                    .withQueryParam("kind", equalTo("CALL_OFFERED")).atPriority(1)
                    .inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answered " + i)
                    .willSetStateTo("answered " + (i + 1)).willReturn(answers.get(i)));
        }
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);
        CallEvent ended = TestEvents.event(callId, CallEventKind.CALL_ENDED);

        topic.send(offered);
        topic.send(ended);

        outbox.awaitState(ended.eventId(), "crm", "DELIVERED");
        assertThat(requests.ofCall(callId)).extracting(request -> request.getHeader(CrmClient.EVENT_ID))
                .containsExactly(offered.eventId().toString(), offered.eventId().toString(),
                        offered.eventId().toString(), ended.eventId().toString());
    }

    @Test
    void aLaterEventGoesOutAfterTheBoundWhileOtherCallsDoNotWaitAtAll() {
        TestEndpoint patient = TestEndpoint.PATIENT;
        String stuckCall = TestEvents.newCallId();
        crm.stubFor(get(urlPathEqualTo(patient.path())).withQueryParam("call", equalTo(stuckCall))
                .withQueryParam("kind", equalTo("CALL_OFFERED")).atPriority(1).willReturn(serverError()));
        CallEvent offered = TestEvents.event(patient.tenant(), stuckCall, CallEventKind.CALL_OFFERED);
        CallEvent ended = TestEvents.event(patient.tenant(), stuckCall, CallEventKind.CALL_ENDED);
        CallEvent otherCall = TestEvents.event(patient.tenant(), TestEvents.newCallId(), CallEventKind.CALL_OFFERED);

        topic.send(offered);
        requests.awaitFor(patient.path(), offered.eventId(), 1);
        long sent = System.nanoTime();
        topic.send(ended);
        topic.send(otherCall);

        outbox.awaitState(otherCall.eventId(), patient.endpointName(), "DELIVERED");
        assertThat(requests.of(patient.path(), ended.eventId()))
                .as("the call's later event waits for its earlier one").isEmpty();
        outbox.awaitState(ended.eventId(), patient.endpointName(), "DELIVERED");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(outbox.delivery(offered.eventId(), patient.endpointName()).orElseThrow())
                .satisfies(delivery -> assertThat(delivery.state()).isEqualTo("PENDING"))
                .satisfies(delivery -> assertThat(delivery.attempts()).isEqualTo(1));
    }

    @Test
    void anEndpointThatNeverAnswersInTimeDoesNotHoldUpAnother() {
        TestEndpoint slow = TestEndpoint.SLOW;
        TestEndpoint fast = TestEndpoint.FAST;
        crm.stubFor(get(urlPathEqualTo(slow.path())).atPriority(1).willReturn(ok().withFixedDelay(3_000)));
        List<CallEvent> events = IntStream.range(0, 10)
                .mapToObj(i -> TestEvents.event(slow.tenant(), TestEvents.newCallId(), CallEventKind.CALL_OFFERED))
                .toList();

        events.forEach(topic::send);

        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
                .allMatch(event -> requests.of(fast.path(), event.eventId()).size() == 1));
        List<LoggedRequest> slowRequests = requests.all().stream()
                .filter(request -> request.getUrl().startsWith(slow.path() + "?"))
                .filter(request -> events.stream().anyMatch(event -> event.eventId().toString()
                        .equals(request.getHeader(CrmClient.EVENT_ID))))
                .toList();
        // At most 2 at a time, each given up after 1 s: far from all of them were tried while the fast CRM got all.
        assertThat(slowRequests).hasSizeLessThan(events.size());
        events.forEach(event -> outbox.awaitState(event.eventId(), fast.endpointName(), "DELIVERED"));
    }
}
