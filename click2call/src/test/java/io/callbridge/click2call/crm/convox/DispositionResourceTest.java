package io.callbridge.click2call.crm.convox;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Database;
import io.callbridge.common.problem.Problem;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** ConVox end call / disposition, forwarded to umbrella's ConVox server, and the follow-ups it asks for. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class DispositionResourceTest {

    private static final String CLOSE = "/v1/convox/callcontrol_api.php";
    private static final ZoneId CONVOX_ZONE = ZoneId.of("Asia/Kolkata");

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void convoxAnswers() {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.CONVOX_CALLCONTROL_PATH)).willReturn(ok()));
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.CONVOX_CLICK_TO_CALL_PATH)).willReturn(ok()));
    }

    @Test
    void theDocumentsGetSampleIsForwardedToConvox() {
        umbrella().get(CLOSE + "?ACTION=CLOSE&agent_id=777&convoxid=CX-1001&disposition=Interested"
                        + "&mobile_number=9876543210")
                .then().statusCode(200)
                .body("forwarded", equalTo(true))
                .body("followUpId", nullValue());

        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.CONVOX_CALLCONTROL_PATH
                + "?ACTION=CLOSE&agent_id=AG777&convoxid=CX-1001&disposition=Interested&mobile_number=9876543210")));
    }

    @Test
    void thePostSamplesNamesAreReadWhateverTheirCaseSpacesAndUnderscores() {
        umbrella().formParam("ACTION", "close").formParam("Agent_ID", "777").formParam("Convoxid", "CX-1002")
                .formParam("Disposition", "Call back").formParam("mobile number", "9876543211")
                .post(CLOSE)
                .then().statusCode(200);

        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.CONVOX_CALLCONTROL_PATH
                + "?ACTION=CLOSE&agent_id=AG777&convoxid=CX-1002&disposition=Call%20back&mobile_number=9876543211")));
    }

    @Test
    void aFollowUpIsKeptThenPlacedOnceWhenDue() throws Exception {
        ZonedDateTime due = ZonedDateTime.now(CONVOX_ZONE).minusMinutes(1);
        String followUpId = umbrella().get(CLOSE + "?ACTION=CLOSE&agent_id=777&convoxid=CX-1003&disposition=Callback"
                        + "&mobile_number=033004791&set_followUp=Y&callback_date=" + due.toLocalDate()
                        + "&callback_hrs=" + due.getHour() + "&callback_mins=" + due.getMinute())
                .then().statusCode(200)
                .body("followUpId", notNullValue())
                .extract().path("followUpId");

        // forwarded without the follow-up: ConVox placing it too would ring the customer twice
        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.CONVOX_CALLCONTROL_PATH
                + "?ACTION=CLOSE&agent_id=AG777&convoxid=CX-1003&disposition=Callback&mobile_number=033004791")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(statusOf(followUpId)).isEqualTo("PLACED"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.CONVOX_CLICK_TO_CALL_PATH
                        + "?agent_id=AG777&mobile_number=033004791"))));
    }

    @Test
    void aFollowUpNotYetDueWaits() throws Exception {
        ZonedDateTime due = ZonedDateTime.now(CONVOX_ZONE).plusDays(1);
        String followUpId = umbrella().get(CLOSE + "?ACTION=CLOSE&agent_id=777&convoxid=CX-1004&disposition=Later"
                        + "&mobile_number=033004792&set_followUp=1&callback_date=" + due.toLocalDate()
                        + "&callback_hrs=" + due.getHour() + "&callback_mins=" + due.getMinute())
                .then().statusCode(200)
                .body("callbackAt", equalTo(due.withSecond(0).withNano(0).toInstant().toString()))
                .extract().path("followUpId");

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                pbx.verify(0, getRequestedFor(urlPathEqualTo(PbxStubResource.CONVOX_CLICK_TO_CALL_PATH))));
        assertThat(statusOf(followUpId)).isEqualTo("PENDING");
    }

    @Test
    void aFollowUpClaimedBeforeARestartOrByAnotherReplicaIsNeverPlacedAgain() throws Exception {
        UUID claimedElsewhere = UUID.randomUUID();
        UUID placedBeforeRestart = UUID.randomUUID();
        try (Connection db = Database.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO follow_up (id, tenant, agent, number_raw, "
                     + "due_at, status, claimed_by, claimed_at, created_at) VALUES (?, 'umbrella', '777', ?, ?, ?, "
                     + "'replica-b', now(), now())")) {
            insertFollowUp(insert, claimedElsewhere, "033004793", "CLAIMED");
            insertFollowUp(insert, placedBeforeRestart, "033004794", "PLACED");
        }

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                pbx.verify(0, getRequestedFor(urlPathEqualTo(PbxStubResource.CONVOX_CLICK_TO_CALL_PATH))));
        assertThat(statusOf(claimedElsewhere.toString())).isEqualTo("CLAIMED");
    }

    @Test
    void missingOrMalformedParametersAreNamed() {
        umbrella().get(CLOSE + "?ACTION=CLOSE&agent_id=777&disposition=x&mobile_number=9876543210")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("convoxid"));
        umbrella().get(CLOSE + "?ACTION=OPEN&agent_id=777&convoxid=1&disposition=x&mobile_number=9876543210")
                .then().statusCode(400).body("errors.field", hasItem("ACTION"));
        umbrella().get(CLOSE + "?ACTION=CLOSE&agent_id=777&convoxid=1&disposition=x&mobile_number=9876543210"
                        + "&set_followUp=Y&callback_date=2026-13-45&callback_hrs=10&callback_mins=0")
                .then().statusCode(400).body("errors.field", hasItem("callback_date"));
        umbrella().get(CLOSE + "?ACTION=CLOSE&agent_id=777&convoxid=1&disposition=x&mobile_number=9876543210"
                        + "&set_followUp=Y&callback_date=2026-12-01&callback_hrs=25&callback_mins=0")
                .then().statusCode(400).body("errors.field", hasItem("callback_hrs"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTenantWithoutConvoxOrAForeignAgentIsRefused() {
        given().header("Authorization", "Bearer acme-test-key")
                .get(CLOSE + "?ACTION=CLOSE&agent_id=777&convoxid=1&disposition=x&mobile_number=9876543210")
                .then().statusCode(409).body("detail", containsString("no ConVox server"));
        umbrella().get(CLOSE + "?ACTION=CLOSE&agent_id=778&convoxid=1&disposition=x&mobile_number=9876543210")
                .then().statusCode(403);
        given().get(CLOSE + "?ACTION=CLOSE&agent_id=777&convoxid=1&disposition=x&mobile_number=9876543210")
                .then().statusCode(401);

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    private static void insertFollowUp(PreparedStatement insert, UUID id, String number, String status)
            throws Exception {
        insert.setObject(1, id);
        insert.setString(2, number);
        insert.setObject(3, java.sql.Timestamp.from(Instant.now().minusSeconds(60)));
        insert.setString(4, status);
        insert.executeUpdate();
    }

    private static String statusOf(String followUpId) throws Exception {
        try (Connection db = Database.connect();
             PreparedStatement select = db.prepareStatement("SELECT status FROM follow_up WHERE id = ?")) {
            select.setObject(1, UUID.fromString(followUpId));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static RequestSpecification umbrella() {
        return given().header("Authorization", "Bearer umbrella-test-key");
    }
}
