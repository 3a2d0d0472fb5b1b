package io.callbridge.click2call.pbx.ccs;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

/** Tenant initech dials through Call Center Studio: login, session kept, renewed when refused. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class CallCenterStudioDialerTest {

    private static final String LOGIN = PbxStubResource.CCS_BASE_PATH + "/login";
    private static final String CLICK2CALL = PbxStubResource.CCS_BASE_PATH + "/click2call";

    @InjectPbx
    WireMockServer pbx;

    @Inject
    Vertx vertx;

    @Inject
    CallCenterStudioConfig config;

    @BeforeEach
    void resetPbx() {
        pbx.resetAll();
    }

    @Test
    void theAgentLogsInOnceAndItsSessionServesTheNextCalls() {
        pbx.stubFor(get(urlEqualTo(LOGIN + "?app_token=ccs-app-token&username=agent777"))
                .willReturn(okJson("{\"login\":true,\"session\":\"s-777\"}")));
        pbx.stubFor(get(urlPathEqualTo(CLICK2CALL))
                .willReturn(okJson("{\"login\":true,\"activecallkey\":\"ak-1\"}")));

        Crm.INITECH.call("777", "033004711").statusCode(202);
        Crm.INITECH.call("777", "033004712").statusCode(202);

        pbx.verify(1, getRequestedFor(urlPathEqualTo(LOGIN)));
        pbx.verify(1, getRequestedFor(urlEqualTo(CLICK2CALL + "?session=s-777&number=97233004711")));
        pbx.verify(1, getRequestedFor(urlEqualTo(CLICK2CALL + "?session=s-777&number=97233004712")));
    }

    @Test
    void aRefusedSessionIsRenewedAndTheCallMadeWithTheNewOne() {
        pbx.stubFor(get(urlPathEqualTo(LOGIN)).inScenario("session").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"login\":true,\"session\":\"old\"}")).willSetStateTo("logged in"));
        pbx.stubFor(get(urlPathEqualTo(LOGIN)).inScenario("session").whenScenarioStateIs("logged in")
                .willReturn(okJson("{\"login\":true,\"session\":\"new\"}")));
        pbx.stubFor(get(urlEqualTo(CLICK2CALL + "?session=old&number=97233004713"))
                .willReturn(okJson("{\"login\":false}")));
        pbx.stubFor(get(urlEqualTo(CLICK2CALL + "?session=new&number=97233004713"))
                .willReturn(okJson("{\"login\":true}")));

        DialOutcome outcome = dialer(Clock.systemUTC()).dial(call("agent900", "033004713"))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(outcome).isEqualTo(DialOutcome.dialing());
        pbx.verify(2, getRequestedFor(urlPathEqualTo(LOGIN)));
        pbx.verify(2, getRequestedFor(urlPathEqualTo(CLICK2CALL)));
    }

    @Test
    void aSessionIsRenewedOnceItsLifetimeIsOver() {
        pbx.stubFor(get(urlPathEqualTo(LOGIN)).willReturn(okJson("{\"login\":true,\"session\":\"s\"}")));
        pbx.stubFor(get(urlPathEqualTo(CLICK2CALL)).willReturn(okJson("{\"login\":true}")));
        MovableClock clock = new MovableClock();
        CallCenterStudioDialer dialer = dialer(clock);

        dialer.dial(call("agent901", "033004714")).await().atMost(Duration.ofSeconds(10));
        clock.advance(config.sessionLifetime().minusMinutes(1));
        dialer.dial(call("agent901", "033004714")).await().atMost(Duration.ofSeconds(10));
        pbx.verify(1, getRequestedFor(urlPathEqualTo(LOGIN)));

        clock.advance(Duration.ofMinutes(2));
        dialer.dial(call("agent901", "033004714")).await().atMost(Duration.ofSeconds(10));
        pbx.verify(2, getRequestedFor(urlPathEqualTo(LOGIN)));
    }

    @Test
    void aRefusedLoginFailsTheCallWithoutDialing() {
        pbx.stubFor(get(urlPathEqualTo(LOGIN)).willReturn(okJson("{\"login\":false}")));

        Crm.INITECH.call("778", "033004715")
                .statusCode(502)
                .body("detail", containsString("refused the login of agent agent778"));

        pbx.verify(0, getRequestedFor(urlPathEqualTo(CLICK2CALL)));
    }

    @Test
    void aSessionLifetimeOutsideEightToTwelveHoursStopsTheDialer() {
        CallCenterStudioConfig thirteenHours = new CallCenterStudioConfig() {
            @Override
            public Duration timeout() {
                return config.timeout();
            }

            @Override
            public Duration sessionLifetime() {
                return Duration.ofHours(13);
            }

            @Override
            public Map<String, Account> tenants() {
                return config.tenants();
            }
        };

        assertThatThrownBy(() -> new CallCenterStudioDialer(vertx, thirteenHours, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 to 12 hours");
    }

    private CallCenterStudioDialer dialer(Clock clock) {
        return new CallCenterStudioDialer(vertx, config, clock);
    }

    private static PbxCall call(String pbxAgent, String number) {
        DialRequest request = new DialRequest(DialRequest.SCHEMA_VERSION, UUID.randomUUID(), TenantId.of("initech"),
                "777", PhoneNumber.parse(number, "IL"), null, DialRequest.DialStatus.REQUESTED, null, Instant.now());
        return new PbxCall(request, pbxAgent);
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
