package io.callbridge.click2call.crm.fixdigital;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** FixDigital's CRM asks for calls exactly as document 004 writes it. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class FixDigitalDialerResourceTest {

    private static final String SUCCESS = "{\"success\":true,\"result\":[]}";

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void pbxAccepts() {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH)).willReturn(okJson(SUCCESS)));
    }

    @Test
    void theDocumentsRequestWithBasicCredentialsIsDialedAndAnsweredInFixDigitalsShape() {
        String body = crm().get("/dialer/sodialer.php?sExt=777&sNumber=033004771&ClientId=10")
                .then().statusCode(200)
                .contentType("application/json")
                .extract().asString();

        assertThat(body).isEqualTo(SUCCESS);
        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.DIALER_PATH
                + "?sExt=777&sNumber=033004771&ClientId=acme")));
    }

    @Test
    void credentialsInTheQueryAreAcceptedToo() {
        given().get("/dialer/sodialer.php?sExt=777&sNumber=033004772&ClientId=10&username=crm&password=secret")
                .then().statusCode(200).body("success", equalTo(true));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aWrongPasswordIsUnauthorizedInFixDigitalsShape() {
        given().auth().preemptive().basic("crm", "guess")
                .get("/dialer/sodialer.php?sExt=777&sNumber=033004773&ClientId=10")
                .then().statusCode(401)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("result.size()", equalTo(0))
                .body("error", containsString("username or password"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void noCredentialsOrAnUnknownClientAreUnauthorized() {
        given().get("/dialer/sodialer.php?sExt=777&sNumber=033004774&ClientId=10")
                .then().statusCode(401).body("success", equalTo(false));
        crm().get("/dialer/sodialer.php?sExt=777&sNumber=033004774&ClientId=99")
                .then().statusCode(401).body("success", equalTo(false));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theRightPasswordFromAnAddressNotAllowedIsForbidden() {
        crm().get("/dialer/sodialer.php?sExt=777&sNumber=033004775&ClientId=11")
                .then().statusCode(403)
                .body("success", equalTo(false))
                .body("error", containsString("not accepted from 127.0.0.1"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void badParametersAreNamedInFixDigitalsShape() {
        crm().get("/dialer/sodialer.php?sExt=777&ClientId=10")
                .then().statusCode(400).body("success", equalTo(false)).body("error", containsString("sNumber"));
        crm().get("/dialer/sodialer.php?sExt=777&sNumber=0330abc99&ClientId=10")
                .then().statusCode(400).body("error", containsString("sNumber"));
        crm().get("/dialer/sodialer.php?sNumber=033004776&ClientId=10")
                .then().statusCode(400).body("error", containsString("sExt"));
        crm().get("/dialer/sodialer.php?sExt=777&sNumber=033004776")
                .then().statusCode(400).body("error", containsString("ClientId"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPbxRefusalIsABadGatewayInFixDigitalsShape() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson("{\"success\":false,\"result\":[]}")));

        crm().get("/dialer/sodialer.php?sExt=777&sNumber=033004777&ClientId=10")
                .then().statusCode(502)
                .body("success", equalTo(false))
                .body("error", containsString("refused"));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    private static RequestSpecification crm() {
        return given().auth().preemptive().basic("crm", "secret");
    }
}
