package io.callbridge.click2call.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.audit.DialRequestRecords;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.problem.Problem;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class CallResourceTest {

    static final String ACME_KEY = "Bearer acme-test-key";
    static final String FIXDIGITAL_SUCCESS = PbxStubResource.DIALER_ACCEPTED;

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void resetPbx() {
        pbx.resetAll();
    }

    @Test
    void aValidCallIsDialedOnceByThePbxAndRecordedOnKafka() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH)).willReturn(okJson(FIXDIGITAL_SUCCESS)));

        UUID requestId = UUID.fromString(call("{\"agent\": \"777\", \"number\": \"033004799\"}")
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("DIALING"))
                .extract().path("requestId"));

        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.DIALER_PATH
                + "?sExt=777&sNumber=033004799&ClientId=acme")));
        assertThat(pbx.getAllServeEvents()).hasSize(1);
        List<ConsumerRecord<String, DialRequest>> records = recordsOf(requestId, 2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("acme:" + requestId);
        assertThat(records).extracting(record -> record.value().status())
                .containsExactly(DialStatus.REQUESTED, DialStatus.DIALING);
        DialRequest dialing = records.get(1).value();
        assertThat(dialing.agent()).isEqualTo("777");
        assertThat(dialing.number().raw()).isEqualTo("033004799");
        assertThat(dialing.number().e164()).isEqualTo("+97233004799");
        assertThat(dialing.tenant().value()).isEqualTo("acme");
        assertThat(dialing.reason()).isNull();
    }

    @Test
    void theNumberReachesThePbxUrlEncoded() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH)).willReturn(okJson(FIXDIGITAL_SUCCESS)));

        call("{\"agent\": \"agent_7\", \"number\": \"+972 3-300-4799\"}").statusCode(202);

        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.DIALER_PATH
                + "?sExt=agent_7&sNumber=%2B972%203-300-4799&ClientId=acme")));
    }

    @Test
    void aPbxErrorFailsTheCallWithoutARetry() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(aResponse().withStatus(500).withBody("dialer down")));

        String detail = call("{\"agent\": \"777\", \"number\": \"033004701\"}")
                .statusCode(502)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(502))
                .body("detail", containsString("HTTP 500"))
                .extract().path("detail");

        assertThat(pbx.getAllServeEvents()).hasSize(1);
        assertFailedOnKafka(detail, "HTTP 500: dialer down");
    }

    @Test
    void aPbxRefusalFailsTheCallWithoutARetry() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson("{\"success\":false,\"result\":[]}")));

        String detail = call("{\"agent\": \"777\", \"number\": \"033004702\"}")
                .statusCode(502)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("refused"))
                .extract().path("detail");

        assertThat(pbx.getAllServeEvents()).hasSize(1);
        assertFailedOnKafka(detail, "{\"success\":false,\"result\":[]}");
    }

    @Test
    void aPbxThatDoesNotAnswerInTimeFailsTheCallWithoutARetry() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson(FIXDIGITAL_SUCCESS).withFixedDelay(4_000)));

        String detail = call("{\"agent\": \"777\", \"number\": \"033004703\"}")
                .statusCode(502)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("did not answer within 2000 ms"))
                .extract().path("detail");

        assertThat(pbx.getAllServeEvents()).hasSize(1);
        assertFailedOnKafka(detail, "did not answer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "03300479x", "0330", "12345678", "033004799999999", "", "   "})
    void aNumberThatIsNotARealPhoneNumberIsRejected(String number) {
        call("{\"agent\": \"777\", \"number\": \"" + number + "\"}")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("number"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMissingNumberIsRejected() {
        call("{\"agent\": \"777\"}").statusCode(400).body("errors.field", hasItem("number"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"number\": \"033004799\"}", "{\"agent\": \"\", \"number\": \"033004799\"}",
            "{\"agent\": \"77 7\", \"number\": \"033004799\"}", "{\"agent\": \"777&x=1\", \"number\": \"033004799\"}"})
    void aMissingOrMalformedAgentIsRejected(String body) {
        call(body).statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("agent"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMalformedCallerIdIsRejected() {
        call("{\"agent\": \"777\", \"number\": \"033004799\", \"callerId\": \"call me\"}")
                .statusCode(400).body("errors.field", hasItem("callerId"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBodyThatIsNotJsonIsRejectedAsAProblem() {
        call("{\"agent\": \"777\", \"number\": ")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aFieldOfTheWrongShapeIsNamed() {
        call("{\"agent\": {\"ext\": 777}, \"number\": \"033004799\"}")
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("agent"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCallWithoutAnApiKeyIsUnauthorized() {
        given().contentType(ContentType.JSON).body("{\"agent\": \"777\", \"number\": \"033004799\"}")
                .when().post("/v1/calls")
                .then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer");

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCallWithAnUnknownApiKeyIsUnauthorized() {
        given().header("Authorization", "Bearer not-a-key")
                .contentType(ContentType.JSON).body("{\"agent\": \"777\", \"number\": \"033004799\"}")
                .when().post("/v1/calls")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theKeyIsCheckedBeforeTheBody() {
        given().contentType(ContentType.JSON).body("{\"agent\": ")
                .when().post("/v1/calls")
                .then().statusCode(401);
    }

    private static ValidatableResponse call(String body) {
        return given().header("Authorization", ACME_KEY)
                .contentType(ContentType.JSON)
                .body(body)
                .when().post("/v1/calls")
                .then();
    }

    private static void assertFailedOnKafka(String problemDetail, String reasonPart) {
        UUID requestId = UUID.fromString(problemDetail.replaceFirst(".*call request ([0-9a-f-]{36}).*", "$1"));
        List<ConsumerRecord<String, DialRequest>> records = recordsOf(requestId, 2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("acme:" + requestId);
        assertThat(records).extracting(record -> record.value().status())
                .containsExactly(DialStatus.REQUESTED, DialStatus.FAILED);
        assertThat(records.get(1).value().reason()).contains(reasonPart);
    }

    private static List<ConsumerRecord<String, DialRequest>> recordsOf(UUID requestId, int count) {
        try (DialRequestRecords records = DialRequestRecords.open()) {
            return records.awaitRecordsOf(requestId, count);
        }
    }
}
