package io.callbridge.click2call.trace;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.audit.DialRequestRecords;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.trace.TraceParent;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The CRM's W3C {@code traceparent} travels from its HTTP request to every record of the request on Kafka. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class TraceParentPropagationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void pbxAccepts() {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson("{\"success\":true,\"result\":[]}")));
    }

    @Test
    void theRecordsOfARequestCarryItsTraceparent() {
        String traceparent = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

        List<ConsumerRecord<String, DialRequest>> records = recordsOf(call("033004791", traceparent), 2);

        assertThat(records).extracting(record -> record.value().status())
                .containsExactly(DialRequest.DialStatus.REQUESTED, DialRequest.DialStatus.DIALING);
        assertThat(records).allSatisfy(record -> assertThat(traceparentOf(record)).isEqualTo(traceparent));
    }

    @Test
    void anInvalidTraceparentIsNotPassedOn() {
        List<ConsumerRecord<String, DialRequest>> records = recordsOf(call("033004792", "00-not-a-trace-01"), 2);

        assertThat(records).allSatisfy(record -> assertThat(traceparentOf(record)).isNull());
    }

    private static UUID call(String number, String traceparent) {
        return UUID.fromString(given().header("Authorization", "Bearer acme-test-key")
                .header(TraceParent.HEADER, traceparent)
                .contentType(ContentType.JSON)
                .body("{\"agent\": \"777\", \"number\": \"" + number + "\"}")
                .when().post("/v1/calls")
                .then().statusCode(202)
                .extract().path("requestId"));
    }

    private static List<ConsumerRecord<String, DialRequest>> recordsOf(UUID requestId, int count) {
        try (DialRequestRecords records = DialRequestRecords.open()) {
            return records.awaitRecordsOf(requestId, count);
        }
    }

    private static String traceparentOf(ConsumerRecord<String, DialRequest> record) {
        Header header = record.headers().lastHeader(TraceParent.HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
