package io.callbridge.dispatch.outbox;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.testing.CallEventsTopic;
import io.callbridge.dispatch.testing.OutboxRows;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class DispatchMetricsTest extends DispatchTest {

    @Test
    void deliveriesByOutcomeLatencyBacklogAndDisabledEndpointsAreExposed() {
        CallEvent offered = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        try (CallEventsTopic topic = new CallEventsTopic()) {
            topic.send(offered);
        }
        new OutboxRows(pool).awaitState(offered.eventId(), "crm", "DELIVERED");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(metrics())
                .containsPattern("callbridge_dispatch_attempts_total\\{delivery=\"delivered\",outcome=\"delivered\"\\} [1-9]")
                .contains("callbridge_dispatch_attempt_latency_seconds_bucket")
                .containsPattern("(?m)^callbridge_dispatch_backlog [0-9]")
                .containsPattern("(?m)^callbridge_dispatch_endpoints_disabled [0-9]"));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
