package io.callbridge.dispatch.request;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.CallEventsTopic;
import io.callbridge.dispatch.testing.CrmRequests;
import io.callbridge.dispatch.testing.OutboxRows;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The generic shapes: a POST with a form, JSON (JSON-RPC) or XML (SOAP) body template, each value escaped. */
@QuarkusTest
class RequestShapesTest extends DispatchTest {

    private static final TenantId GLOBEX = TenantId.of("globex");
    /** A number as a CRM user might have typed it, with everything that needs escaping. */
    private static final String NUMBER = "03 <300>&\"4799\" +1/ש";

    @Test
    void aJsonRpcBodyHasItsValuesEscapedAsJson() {
        LoggedRequest request = deliver("""
                {"jsonrpc":"2.0","id":"{eventId}","method":"call.ringing","params":{"phone":"{parties.customer.raw}","ext":"{parties.extension}"}}""",
                "JSON", Map.of());

        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"" + request.getHeader("webhook-id")
                + "\",\"method\":\"call.ringing\",\"params\":{\"phone\":\"03 <300>&\\\"4799\\\" +1/ש\",\"ext\":\"777\"}}");
    }

    @Test
    void aSoapEnvelopeHasItsValuesEscapedAsXml() {
        LoggedRequest request = deliver("""
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><IncomingCall xmlns="http://crm.example/"><Number>{parties.customer.raw}</Number><Ext>{parties.extension}</Ext></IncomingCall></soap:Body></soap:Envelope>""",
                "XML", Map.of("SOAPAction", "\"http://crm.example/IncomingCall\""));

        assertThat(request.getHeader("Content-Type")).isEqualToIgnoringCase("text/xml; charset=utf-8");
        assertThat(request.getHeader("SOAPAction")).isEqualTo("\"http://crm.example/IncomingCall\"");
        assertThat(request.getBodyAsString()).isEqualTo("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><IncomingCall xmlns=\"http://crm.example/\"><Number>03 &lt;300&gt;&amp;&quot;4799&quot; +1/ש"
                + "</Number><Ext>777</Ext></IncomingCall></soap:Body></soap:Envelope>");
    }

    @Test
    void aFormBodyHasItsValuesUrlEncoded() {
        LoggedRequest request = deliver("number={parties.customer.raw}&ext={parties.extension}&kind={kind}", "FORM",
                Map.of());

        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.getBodyAsString()).isEqualTo(
                "number=03%20%3C300%3E%26%224799%22%20%2B1%2F%D7%A9&ext=777&kind=CALL_OFFERED");
    }

    @Test
    void aBodyTemplateThatDoesNotRenderItsFormatIsRefused() {
        create("""
                {"name": "bad-json", "urlTemplate": "http://crm.example/rpc", "bodyFormat": "JSON",
                 "bodyTemplate": "{\\"phone\\": {parties.customer.raw}"}""")
                .statusCode(400).body("errors[0].field", equalTo("bodyTemplate"));
        create("""
                {"name": "bad-xml", "urlTemplate": "http://crm.example/soap", "bodyFormat": "XML",
                 "bodyTemplate": "<a><b>{callId}</a>"}""")
                .statusCode(400).body("errors[0].field", equalTo("bodyTemplate"));
        create("""
                {"name": "bad-field", "urlTemplate": "http://crm.example/soap", "bodyFormat": "XML",
                 "bodyTemplate": "<a>{parties.custmer.raw}</a>"}""")
                .statusCode(400).body("errors[0].field", equalTo("bodyTemplate"));
        create("""
                {"name": "no-format", "urlTemplate": "http://crm.example/soap", "bodyTemplate": "<a/>"}""")
                .statusCode(400).body("errors[0].field", equalTo("bodyFormat"));
    }

    private LoggedRequest deliver(String bodyTemplate, String format, Map<String, String> headers) {
        String callId = TestEvents.newCallId();
        String path = "/" + callId;
        String headersJson = json(headers);
        create("""
                {"name": "%s", "urlTemplate": "http://localhost:%d%s", "bodyFormat": "%s", "bodyTemplate": %s,
                 "headers": %s, "filters": {"callId": "%s"}}"""
                .formatted(callId, crm.port(), path, format, json(bodyTemplate), headersJson, callId))
                .statusCode(201);
        CallEvent offered = TestEvents.event(GLOBEX, callId, CallEventKind.CALL_OFFERED,
                new CallParties(PhoneNumber.of(NUMBER, null, PhoneNumber.Type.UNRECOGNIZED), null, "777", null, null,
                        null));
        try (CallEventsTopic topic = new CallEventsTopic()) {
            topic.send(offered);
        }
        new OutboxRows(pool).awaitState(offered.eventId(), "globex/" + callId, "DELIVERED");
        return new CrmRequests(crm).of(path, offered.eventId()).get(0);
    }

    private static String json(Object value) {
        try {
            return io.callbridge.common.kafka.EventJson.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValidatableResponse create(String body) {
        return given().header("Authorization", "Bearer globex-test-key").contentType(ContentType.JSON).body(body)
                .when().post("/v1/endpoints").then();
    }
}
