package io.callbridge.click2call;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What a Kubernetes probe, Prometheus and an API client see. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class OperationsTest {

    @InjectPbx
    WireMockServer pbx;

    @Test
    void isReadyOnceKafkaAnswers() {
        await().untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP")));
    }

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesDialRequestsByOutcomeAtQMetrics() {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson("{\"success\":true,\"result\":[]}")));
        Crm.ACME.call("777", "033004795").statusCode(202);

        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("callbridge_click2call_dial_requests_total{outcome=\"dialing\",tenant=\"acme\"}"));
    }

    @Test
    void servesTheSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void describesTheCallsApi() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/v1/calls'.post.responses.keySet()", hasItem("502"))
                .body("info.title", containsString("click2call"));
    }
}
