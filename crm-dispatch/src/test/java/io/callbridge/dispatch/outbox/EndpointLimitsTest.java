package io.callbridge.dispatch.outbox;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.testing.CrmRequests;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An endpoint's rate limit (requests per second) and concurrency limit (requests under way) are kept, and an
 * endpoint held back by its limits holds up no other endpoint.
 */
@QuarkusTest
class EndpointLimitsTest extends DispatchTest {

    private static final String ACME = "Bearer acme-test-key";

    @Test
    void aRateLimitedEndpointGetsAtMostItsRateWhileAnotherGetsEverythingAtOnce() {
        String limited = define("\"rateLimit\": 5");
        String unlimited = define("\"concurrency\": 16");
        CrmRequests requests = new CrmRequests(crm);
        List<CallEvent> events = IntStream.range(0, 15)
                .mapToObj(i -> TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED)).toList();

        events.forEach(topic::send);

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.ofPath("/" + unlimited).size() >= 15);
        assertThat(requests.ofPath("/" + limited)).as("held back by its rate limit, it is not done yet")
                .hasSizeLessThanOrEqualTo(10);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.ofPath("/" + limited).size() >= 15);
        List<Long> received = requests.ofPath("/" + limited).stream().map(request -> request.getLoggedDate().getTime())
                .sorted().toList();
        // 5 at once, 5 a second later, 5 another second later: some slack for the network, none for the count.
        assertThat(received.get(14) - received.get(0)).isGreaterThanOrEqualTo(1_900);
        for (int i = 0; i + 5 < received.size(); i++) {
            assertThat(received.get(i + 5) - received.get(i)).as("6 requests within one second").isGreaterThan(800);
        }
        remove(limited);
        remove(unlimited);
    }

    @Test
    void anEndpointHasAtMostItsConcurrencyOfRequestsUnderWay() {
        String name = define("\"concurrency\": 2");
        crm.stubFor(get(urlPathEqualTo("/" + name)).atPriority(1).willReturn(ok().withFixedDelay(500)));
        CrmRequests requests = new CrmRequests(crm);
        List<CallEvent> events = IntStream.range(0, 6)
                .mapToObj(i -> TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED)).toList();

        events.forEach(topic::send);

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.ofPath("/" + name).size() >= 6);
        List<Long> received = requests.ofPath("/" + name).stream().map(LoggedRequest::getLoggedDate)
                .map(java.util.Date::getTime).sorted().toList();
        for (int i = 0; i + 2 < received.size(); i++) {
            assertThat(received.get(i + 2) - received.get(i))
                    .as("a third request only once one of two answered, 500 ms after it came").isGreaterThan(450);
        }
        assertThat(received.get(5) - received.get(0)).as("two at a time, not one").isLessThan(2_500);
        remove(name);
    }

    /** An endpoint of tenant acme wanting its offered calls, with the given limits. */
    private String define(String limits) {
        String name = "limits-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", ACME).contentType(ContentType.JSON).body("""
                        {"name": "%s", "urlTemplate": "http://localhost:%d/%s?call={callId}",
                         "kinds": ["CALL_OFFERED"], "retrySchedule": ["0s", "100ms"], %s}"""
                        .formatted(name, crm.port(), name, limits))
                .when().post("/v1/endpoints").then().statusCode(201);
        return name;
    }

    private void remove(String name) {
        given().header("Authorization", ACME).when().delete("/v1/endpoints/" + name).then().statusCode(204);
    }
}
