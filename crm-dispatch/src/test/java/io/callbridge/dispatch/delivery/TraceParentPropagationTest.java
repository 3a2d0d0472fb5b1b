package io.callbridge.dispatch.delivery;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.testing.CallEventsTopic;
import io.callbridge.dispatch.testing.CrmRequests;
import io.callbridge.dispatch.testing.CrmStub;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The W3C trace context of the Kafka record goes with the event into the outbox and on to the CRM's request. */
@QuarkusTest
class TraceParentPropagationTest extends DispatchTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";

    @Test
    void theDeliveryCarriesTheTraceOfTheConsumedRecordAsAChildSpan() {
        CallEvent traced = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        CallEvent untraced = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        try (CallEventsTopic topic = new CallEventsTopic()) {
            topic.send(traced, Map.of("traceparent", "00-" + TRACE_ID + "-" + PRODUCER_SPAN + "-01"));
            topic.send(untraced);
        }

        CrmRequests requests = new CrmRequests(crm);
        LoggedRequest request = requests.awaitFor(CrmStub.PATH, traced.eventId(), 1).get(0);
        String traceparent = request.getHeader("traceparent");
        assertThat(traceparent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(traceparent).doesNotContain(PRODUCER_SPAN);
        assertThat(requests.awaitFor(CrmStub.PATH, untraced.eventId(), 1).get(0).containsHeader("traceparent"))
                .as("no trace context, none invented").isFalse();
    }
}
