package io.callbridge.click2call.crm.retailcrm;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** retailCRM (globex, whose PBX is UIS) asks for a call and reports a user's status. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class RetailCrmTelephonyResourceTest {

    private static final String CLIENT_ID = "globex-retailcrm-client";

    /** Document 003's {@code update.employees}, whitespace removed; ID is the request's, AVAILABLE the new value. */
    private static final String UPDATE_EMPLOYEES = """
            { "jsonrpc": "2.0", "id": ID, "method": "update.employees", "params": { "access_token": \
            "N2dw2Rf33fn23fknkmdfeJmcP", "id": 13421, "calls_available": AVAILABLE } }""".replaceAll("\\s", "");

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void uisAnswers() {
        pbx.resetAll();
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"data\":{\"call_session_id\":5}}}")));
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_DATA_API_PATH))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"data\":{\"id\":13421}}}")));
    }

    @Test
    void makeCallBecomesStartEmployeeCall() {
        given().queryParam("phone", "+74951234590").get("/retailcrm/make-call?clientId=" + CLIENT_ID + "&code=777")
                .then().statusCode(200).body("success", is(true));

        pbx.verify(1, postRequestedFor(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .withRequestBody(matchingJsonPath("$.method", equalTo("start.employee_call")))
                .withRequestBody(matchingJsonPath("$.params.contact", equalTo("74951234590")))
                .withRequestBody(matchingJsonPath("$.params.employee.id", equalTo("13421"))));
    }

    @Test
    void makeCallPostedAsAFormIsAcceptedToo() {
        given().formParam("clientId", CLIENT_ID).formParam("code", "777").formParam("phone", "+74951234591")
                .post("/retailcrm/make-call")
                .then().statusCode(200).body("success", is(true));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aUserGoingBusyIsNoLongerAvailableForCallsAtUis() {
        given().get("/retailcrm/change-user-status?clientId=" + CLIENT_ID + "&code=777&status=busy")
                .then().statusCode(200).body("success", is(true));

        String sent = pbx.getAllServeEvents().get(0).getRequest().getBodyAsString();
        String id = sent.replaceFirst(".*\"id\":(\\d+),\"method\".*", "$1");
        assertThat(sent).isEqualTo(UPDATE_EMPLOYEES.replace("ID", id).replace("AVAILABLE", "false"));
    }

    @Test
    void aUserGoingFreeIsAvailableForCallsAgain() {
        given().formParam("clientId", CLIENT_ID).formParam("code", "777").formParam("status", "free")
                .post("/retailcrm/change-user-status")
                .then().statusCode(200);

        pbx.verify(1, postRequestedFor(urlEqualTo(PbxStubResource.UIS_DATA_API_PATH))
                .withRequestBody(matchingJsonPath("$.params.calls_available", equalTo("true"))));
    }

    @Test
    void uisRefusingTheStatusIsABadGatewayWithItsReason() {
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_DATA_API_PATH))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32001,"
                        + "\"message\":\"Access token has been blocked\"}}")));

        given().get("/retailcrm/change-user-status?clientId=" + CLIENT_ID + "&code=777&status=busy")
                .then().statusCode(502)
                .body("success", is(false))
                .body("errorMsg", containsString("Access token has been blocked"));
    }

    @Test
    void anUnknownClientIdOrAMissingParameterIsRefusedInRetailCrmsShape() {
        given().queryParam("phone", "+74951234592").get("/retailcrm/make-call?clientId=guess&code=777")
                .then().statusCode(401).body("success", is(false));
        given().get("/retailcrm/make-call?clientId=" + CLIENT_ID + "&code=777")
                .then().statusCode(400).body("errorMsg", containsString("phone"));
        given().get("/retailcrm/change-user-status?clientId=" + CLIENT_ID + "&code=777")
                .then().statusCode(400).body("errorMsg", containsString("status"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }
}
