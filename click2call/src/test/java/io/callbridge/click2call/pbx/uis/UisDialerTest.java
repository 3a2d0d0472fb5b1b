package io.callbridge.click2call.pbx.uis;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.common.problem.Problem;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Tenant globex dials through the UIS Call API. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class UisDialerTest {

    /** Document 003's {@code start.employee_call}, whitespace removed; ID and CONTACT are the request's. */
    private static final String START_EMPLOYEE_CALL = """
            { "jsonrpc": "2.0", "method": "start.employee_call", "id": "ID", "params": { "access_token": \
            "N2dw2Rf33fn23fknkmdfeJmcP", "first_call": "employee", "early_switching": true, "switch_at_once": true, \
            "show_virtual_phone_number": false, "virtual_phone_number": "88002000600", "direction": "out", \
            "contact": "CONTACT", "employee": { "id": 13421 } } }""".replaceAll("\\s", "");

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void resetPbx() {
        pbx.resetAll();
    }

    @Test
    void startEmployeeCallCarriesExactlyTheDocumentsParameters() {
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"data\":{\"call_session_id\":31451224}}}")));

        String requestId = Crm.GLOBEX.call("777", "+74951234567")
                .statusCode(202)
                .extract().path("requestId");

        pbx.verify(1, postRequestedFor(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalTo(START_EMPLOYEE_CALL.replace("ID", requestId).replace("CONTACT", "74951234567"))));
    }

    @Test
    void aCallerIdReplacesTheVirtualNumber() {
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"data\":{\"call_session_id\":1}}}")));

        Crm.GLOBEX.callWith("{\"agent\": \"777\", \"number\": \"+74951234568\", \"callerId\": \"+74957654321\"}")
                .statusCode(202);

        String sent = pbx.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(sent).contains("\"virtual_phone_number\":\"74957654321\"").contains("\"contact\":\"74951234568\"");
    }

    @Test
    void aJsonRpcErrorIsAFailedCallWithUissReason() {
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{\"code\":-32602,"
                        + "\"message\":\"Employee not found\"}}")));

        Crm.GLOBEX.call("777", "+74951234569")
                .statusCode(502)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("Employee not found"));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    @Test
    void uisNotAnsweringInTimeIsAFailedCallNotRetried() {
        pbx.stubFor(post(urlEqualTo(PbxStubResource.UIS_CALL_API_PATH))
                .willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));

        Crm.GLOBEX.call("777", "+74951234570")
                .statusCode(502)
                .body("detail", containsString("did not answer within 2000 ms"));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anAgentMappedToSomethingElseThanAnEmployeeIdIsNeverSent() {
        Crm.GLOBEX.call("778", "+74951234571")
                .statusCode(502)
                .body("detail", containsString("not a UIS employee id"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }
}
