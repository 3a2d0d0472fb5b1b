package io.callbridge.click2call.crm.ccs;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.click2call.testing.Database;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HexFormat;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** A CRM built against Call Center Studio logs its agent in and clicks to call with the session. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class CrmSessionResourceTest {

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void pbxAccepts() {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson("{\"success\":true,\"result\":[]}")));
    }

    @Test
    void aLoggedInAgentClicksToCallWithItsSession() {
        String session = login("777");

        String requestId = given().get("/ccs/click2call?session=" + session + "&number=033004781")
                .then().statusCode(200)
                .body("login", equalTo(true))
                .extract().path("activecallkey");

        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.DIALER_PATH
                + "?sExt=777&sNumber=033004781&ClientId=acme")));
        Crm.ACME.status(requestId).statusCode(200).body("agent", equalTo("777"));
    }

    @Test
    void anUnknownSessionIsToldToLogInAgain() {
        given().get("/ccs/click2call?session=not-a-session&number=033004782")
                .then().statusCode(401)
                .contentType("application/json")
                .body("login", equalTo(false))
                .body("error", containsString("log in again"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anExpiredSessionIsToldToLogInAgain() throws Exception {
        String expired = "session-of-yesterday";
        Instant nineHoursAgo = Instant.now().minus(Duration.ofHours(9));
        storeSession(expired, nineHoursAgo, nineHoursAgo.plus(Duration.ofHours(8)));

        given().get("/ccs/click2call?session=" + expired + "&number=033004783")
                .then().statusCode(401).body("login", equalTo(false)).body("error", containsString("log in again"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    /** A session as a login of the past left it: only its hash is stored. */
    private static void storeSession(String value, Instant createdAt, Instant expiresAt) throws Exception {
        try (Connection db = Database.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO crm_session "
                     + "(session_sha256, tenant, agent, created_at, expires_at) VALUES (?, 'acme', '777', ?, ?)")) {
            insert.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8))));
            insert.setTimestamp(2, Timestamp.from(createdAt));
            insert.setTimestamp(3, Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
    }

    @Test
    void aWrongAppTokenOrAForeignAgentCannotLogIn() {
        given().get("/ccs/login?app_token=not-a-key&username=777")
                .then().statusCode(401).body("login", equalTo(false)).body("$", not(hasKey("session")));
        given().get("/ccs/login?app_token=acme-test-key&username=999")
                .then().statusCode(403).body("error", containsString("not an agent of tenant acme"));
    }

    @Test
    void missingParametersAreNamed() {
        given().get("/ccs/login?app_token=acme-test-key")
                .then().statusCode(400).body("error", containsString("username"));
        String session = login("777");
        given().get("/ccs/click2call?session=" + session)
                .then().statusCode(400).body("login", equalTo(true)).body("error", containsString("number"));
        given().get("/ccs/click2call?session=" + session + "&number=12ab")
                .then().statusCode(400).body("error", containsString("number"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    private static String login(String agent) {
        return given().get("/ccs/login?app_token=acme-test-key&username=" + agent)
                .then().statusCode(200)
                .body("login", equalTo(true))
                .extract().path("session");
    }
}
