package io.callbridge.click2call.outage;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.common.problem.Problem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * PostgreSQL cannot be reached (the datasource points at a port nobody listens on): every API answers 503 with
 * {@code Retry-After}, in its own reply shape, never 500, and no PBX is asked to dial.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.DeadDatabase.class)
@WithTestResource(PbxStubResource.class)
class DatabaseOutageTest {

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void pbxAnswers() {
        pbx.resetAll();
        pbx.stubFor(get(anyUrl()).willReturn(ok("{\"success\":true,\"result\":[]}")));
    }

    @Test
    void theUniformApiAnswersAProblem() {
        Crm.ACME.call("777", "033004781")
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("detail", containsString("retry later"));
        Crm.ACME.status(UUID.randomUUID().toString())
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue());

        pbx.verify(0, getRequestedFor(urlPathEqualTo(PbxStubResource.DIALER_PATH)));
    }

    @Test
    void fixDigitalAnswersInItsShape() {
        given().auth().preemptive().basic("crm", "secret")
                .get("/dialer/sodialer.php?sExt=777&sNumber=033004782&ClientId=10")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", equalTo(false))
                .body("error", containsString("retry later"));
    }

    @Test
    void theCallCenterStudioStyleApiAnswersInItsShape() {
        given().get("/ccs/login?app_token=acme-test-key&username=777")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("login", equalTo(true))
                .body("error", containsString("retry later"));
        given().get("/ccs/click2call?session=some-session&number=033004783")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("login", equalTo(true));
    }

    @Test
    void retailCrmAnswersInItsShape() {
        given().get("/retailcrm/make-call?clientId=globex-retailcrm-client&code=777&phone=033004784")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("success", equalTo(false))
                .body("errorMsg", containsString("retry later"));
    }

    @Test
    void aConvoxFollowUpAnswersAProblem() {
        ZonedDateTime due = ZonedDateTime.now(ZoneId.of("Asia/Kolkata")).plusDays(1);
        given().header("Authorization", "Bearer umbrella-test-key")
                .get("/v1/convox/callcontrol_api.php?ACTION=CLOSE&agent_id=777&convoxid=CX-9&disposition=Later"
                        + "&mobile_number=033004785&set_followUp=Y&callback_date=" + due.toLocalDate()
                        + "&callback_hrs=" + due.getHour() + "&callback_mins=" + due.getMinute())
                .then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue());
    }

    /** The datasource on a port nobody listens on; no migration at start, which would stop the application. */
    public static class DeadDatabase implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            int dead = freePort();
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + dead + "/click2call",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + dead + "/click2call",
                    "quarkus.datasource.username", "click2call",
                    "quarkus.datasource.password", "unused",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.hibernate-orm.database.version-check.enabled", "false",
                    "kafka.bootstrap.servers", "127.0.0.1:" + freePort());
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
