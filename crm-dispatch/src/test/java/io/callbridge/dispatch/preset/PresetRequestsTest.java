package io.callbridge.dispatch.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.Recording;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.kafka.EventJson;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Each preset's request, byte for byte, as the vendor's document has it. Endpoints of tenant globex, one per call. */
@QuarkusTest
class PresetRequestsTest extends DispatchTest {

    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant RANG = Instant.parse("2024-03-05T09:41:00Z");

    @Test
    void fixDigitalGetsItsSampleUrlsAndOnlyTheirSuccessCounts() {
        String callId = newCallId();
        String path = "/" + callId + "/webservice.php";
        crm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path)).atPriority(1)
                .willReturn(okJson("{\"success\":true,\"result\":[]}")));
        String name = define("""
                {"name": "%s", "preset": "fixdigital", "urlTemplate": "%s", "settings": {"clientId": "10"},
                 "filters": {"callId": "%s"}}""".formatted(callId, base() + path, callId));
        CallEvent offered = event(callId, CallEventKind.CALL_OFFERED);
        CallEvent answered = event(callId, CallEventKind.CALL_ANSWERED);

        topic.send(offered);
        topic.send(answered);

        outbox.awaitState(answered.eventId(), "globex/" + name, "DELIVERED");
        assertThat(requests.of(path, offered.eventId())).singleElement().satisfies(request -> {
            assertThat(request.getMethod().getName()).isEqualTo("GET");
            assertThat(request.getUrl()).isEqualTo(path + "?operation=incomingCall&sExt=777&sNumber=033004799&ClientId=10");
        });
        assertThat(requests.of(path, answered.eventId())).singleElement().satisfies(request -> assertThat(
                request.getUrl()).isEqualTo(path + "?operation=incomingCallAnswered&sExt=777&sNumber=033004799&ClientId=10"));
    }

    @Test
    void convoxGetsTheSevenParametersAsAFormPost() {
        String callId = newCallId();
        String path = "/" + callId + "/crm";
        String name = define("""
                {"name": "%s", "preset": "convox-screen-pop", "urlTemplate": "%s", "filters": {"callId": "%s"}}"""
                .formatted(callId, base() + path, callId));
        CallEvent offered = event(callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        outbox.awaitState(offered.eventId(), "globex/" + name, "DELIVERED");
        LoggedRequest request = requests.of(path, offered.eventId()).get(0);
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.getBodyAsString()).isEqualTo("AgentID=agent-7&CallerID=033004799&CallReferenceID=ref-1"
                + "&DID=035551234&ConvoxID=lead-9&Process=inbound+sales&TypeOfCall=Inbound+call");
    }

    @Test
    void convoxGetsTheGetSamplesNamesWhenAskedForAGet() {
        String callId = newCallId();
        String path = "/" + callId + "/crm";
        String name = define("""
                {"name": "%s", "preset": "convox-screen-pop", "urlTemplate": "%s", "settings": {"method": "GET"},
                 "filters": {"callId": "%s"}}""".formatted(callId, base() + path, callId));
        CallEvent offered = event(callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        outbox.awaitState(offered.eventId(), "globex/" + name, "DELIVERED");
        assertThat(requests.of(path, offered.eventId()).get(0).getUrl()).isEqualTo(path + "?Agent_ID=agent-7"
                + "&Caller_Id=033004799&CallReferenceID=ref-1&DID=035551234&ConvoxID=lead-9&Process=inbound%20sales"
                + "&TypeOfCall=Inbound%20call");
    }

    @Test
    void recallGetsTheCallsDetailsAfterTheCall() {
        String callId = newCallId();
        String path = "/" + callId + "/";
        String name = define("""
                {"name": "%s", "preset": "recall-url-push", "urlTemplate": "%s", "settings": {"zone": "Asia/Jerusalem"},
                 "filters": {"callId": "%s"}}""".formatted(callId, base() + path, callId));
        CallEvent ended = event(callId, CallEventKind.CALL_ENDED);

        topic.send(ended);

        outbox.awaitState(ended.eventId(), "globex/" + name, "DELIVERED");
        assertThat(requests.of(path, ended.eventId()).get(0).getUrl()).isEqualTo(path + "?number=033004799"
                + "&agent=777&date=2024-03-05&time=11%3A41%3A00&duration=20"
                + "&audiofile=https%3A%2F%2Frecordings.example%2F2024%2F03%2Fcall.wav");
    }

    @Test
    void retailCrmIsSetUpOnCreationPoppedOnRingingAndGetsTheCallAfterIt() throws Exception {
        String callId = newCallId();
        String base = "/" + callId;
        crm.stubFor(post(urlPathMatching(base + "/api/v4/telephony/.*")).atPriority(1)
                .withHeader("X-API-KEY", equalTo("key-1")).willReturn(okJson("{\"success\":true}")));
        String name = define("""
                {"name": "%s", "preset": "retailcrm-v4", "urlTemplate": "%s",
                 "settings": {"apiKey": "key-1", "clientId": "cb-1", "code": "callbridge",
                              "makeCallUrl": "https://c2c.example/v1/retailcrm/make-call",
                              "changeUserStatusUrl": "https://c2c.example/v1/retailcrm/user-status"},
                 "filters": {"callId": "%s"}}""".formatted(callId, base() + base, callId));
        LoggedRequest setting = requests.all().stream()
                .filter(request -> request.getUrl().equals(base + "/api/v4/telephony/setting/callbridge/edit"))
                .findFirst().orElseThrow();
        assertThat(form(setting.getBodyAsString())).containsExactly(Map.entry("configuration",
                "{\"code\":\"callbridge\",\"clientId\":\"cb-1\",\"makeCallUrl\":\"https://c2c.example/v1/retailcrm/make-call\","
                        + "\"changeUserStatusUrl\":\"https://c2c.example/v1/retailcrm/user-status\",\"active\":true,"
                        + "\"name\":\"Callbridge\"}"));
        CallEvent offered = event(callId, CallEventKind.CALL_OFFERED);
        CallEvent ended = event(callId, CallEventKind.CALL_ENDED);

        topic.send(offered);
        topic.send(ended);

        outbox.awaitState(ended.eventId(), "globex/" + name, "DELIVERED");
        LoggedRequest pop = requests.of(base + "/api/v4/telephony/call/event", offered.eventId()).get(0);
        assertThat(pop.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(pop.getBodyAsString())).containsExactly(Map.entry("clientId", "cb-1"), Map.entry("event",
                "{\"phone\":\"033004799\",\"type\":\"in\",\"codes\":[\"777\"],\"callExternalId\":\"" + callId + "\"}"));
        LoggedRequest upload = requests.of(base + "/api/v4/telephony/calls/upload", ended.eventId()).get(0);
        assertThat(form(upload.getBodyAsString())).containsExactly(Map.entry("clientId", "cb-1"), Map.entry("calls",
                "[{\"date\":\"2024-03-05 09:41:00\",\"type\":\"in\",\"phone\":\"033004799\",\"code\":\"777\","
                        + "\"result\":\"answered\",\"duration\":20,\"externalId\":\"" + callId + "\","
                        + "\"recordUrl\":\"https://recordings.example/2024/03/call.wav\"}]"));
    }

    @Test
    void retailCrmGetsAMissedCallByIsLost() {
        String callId = newCallId();
        String base = "/" + callId;
        crm.stubFor(post(urlPathMatching(base + "/api/v4/telephony/.*")).atPriority(1)
                .willReturn(okJson("{\"success\":true}")));
        String name = define("""
                {"name": "%s", "preset": "retailcrm-v4", "urlTemplate": "%s", "kinds": ["CALL_ENDED"],
                 "settings": {"apiKey": "key-1", "clientId": "cb-1", "code": "callbridge",
                              "makeCallUrl": "https://c2c.example/m", "changeUserStatusUrl": "https://c2c.example/s"},
                 "filters": {"callId": "%s"}}""".formatted(callId, base() + base, callId));
        CallEvent ended = withRaw(event(callId, CallEventKind.CALL_ENDED), Map.of("is_lost", "true"));

        topic.send(ended);

        outbox.awaitState(ended.eventId(), "globex/" + name, "DELIVERED");
        LoggedRequest upload = requests.of(base + "/api/v4/telephony/calls/upload", ended.eventId()).get(0);
        assertThat(form(upload.getBodyAsString()).get("calls")).isEqualTo("[{\"date\":\"2024-03-05 09:41:00\","
                + "\"type\":\"in\",\"phone\":\"033004799\",\"code\":\"777\",\"result\":\"no answer\",\"duration\":0,"
                + "\"externalId\":\"" + callId + "\"}]");
    }

    @Test
    void aRetailCrmThatRefusesTheSettingGetsNoEndpoint() {
        String callId = newCallId();
        crm.stubFor(post(urlPathMatching("/" + callId + "/api/v4/telephony/.*")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.forbidden()));

        create("""
                {"name": "%s", "preset": "retailcrm-v4", "urlTemplate": "%s",
                 "settings": {"apiKey": "wrong", "clientId": "cb-1", "code": "callbridge",
                              "makeCallUrl": "https://c2c.example/m", "changeUserStatusUrl": "https://c2c.example/s"}}"""
                .formatted(callId, base() + "/" + callId)).statusCode(502);
        given().header("Authorization", "Bearer globex-test-key").when().get("/v1/endpoints/" + callId)
                .then().statusCode(404);
    }

    @Test
    void standardWebhooksAreSignedWithEverySecretOfARotation() throws Exception {
        String callId = newCallId();
        String path = "/" + callId + "/hook";
        String oldSecret = "whsec_" + Base64.getEncoder().encodeToString("old secret of 32 bytes or so....".getBytes());
        String newSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String name = define("""
                {"name": "%s", "preset": "standard-webhooks", "urlTemplate": "%s",
                 "settings": {"secrets": "%s,%s"}, "filters": {"callId": "%s"}}"""
                .formatted(callId, base() + path, oldSecret, newSecret, callId));
        CallEvent offered = event(callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        outbox.awaitState(offered.eventId(), "globex/" + name, "DELIVERED");
        LoggedRequest hook = requests.of(path, offered.eventId()).get(0);
        String body = hook.getBodyAsString();
        assertThat(hook.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(hook.getHeader("webhook-id")).isEqualTo(offered.eventId().toString());
        assertThat(verify(oldSecret, hook.getHeader("webhook-id"), hook.getHeader("webhook-timestamp"), body,
                hook.getHeader("webhook-signature"))).isTrue();
        assertThat(verify(newSecret, hook.getHeader("webhook-id"), hook.getHeader("webhook-timestamp"), body,
                hook.getHeader("webhook-signature"))).isTrue();
        assertThat(verify("whsec_" + Base64.getEncoder().encodeToString("another".getBytes()),
                hook.getHeader("webhook-id"), hook.getHeader("webhook-timestamp"), body,
                hook.getHeader("webhook-signature"))).isFalse();
        JsonNode payload = EventJson.MAPPER.readTree(body);
        assertThat(payload.get("type").asText()).isEqualTo("call.offered");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2024-03-05T09:41:00Z");
        assertThat(EventJson.MAPPER.treeToValue(payload.get("data"), CallEvent.class)).isEqualTo(offered);
    }

    @Test
    void anUnknownPresetOrAMissingSettingIsRefusedAtCreation() {
        create("""
                {"name": "x", "preset": "salesforce-magic", "urlTemplate": "http://crm.example/"}""")
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("preset"));
        create("""
                {"name": "x", "preset": "fixdigital", "urlTemplate": "http://crm.example/webservice.php"}""")
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("settings.clientId"));
        create("""
                {"name": "x", "preset": "standard-webhooks", "urlTemplate": "http://crm.example/",
                 "settings": {"secrets": "not-a-secret"}}""")
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("settings.secrets"));
        create("""
                {"name": "x", "preset": "fixdigital", "urlTemplate": "http://crm.example/webservice.php",
                 "settings": {"clientId": "10"}, "kinds": ["CALL_ENDED"]}""")
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("kinds"));
    }

    /** The Standard Webhooks reference verification: HMAC-SHA256 of id.timestamp.body, any v1 signature matching. */
    private static boolean verify(String secret, String id, String timestamp, String body, String signatures)
            throws Exception {
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return Arrays.stream(signatures.split(" "))
                .filter(signature -> signature.startsWith("v1,"))
                .map(signature -> Base64.getDecoder().decode(signature.substring(3)))
                .anyMatch(signature -> java.security.MessageDigest.isEqual(signature, expected));
    }

    private String define(String body) {
        return create(body).statusCode(201).extract().jsonPath().getString("name");
    }

    private ValidatableResponse create(String body) {
        return given().header("Authorization", "Bearer globex-test-key").contentType(ContentType.JSON).body(body)
                .when().post("/v1/endpoints").then();
    }

    private String base() {
        return "http://localhost:" + crm.port();
    }

    private static String newCallId() {
        return "c-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** The form's fields, decoded, in their order. */
    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] nameValue = pair.split("=", 2);
            fields.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** An inbound call from 033004799 to extension 777 (agent agent-7), answered, talked 20 s, recorded. */
    private static CallEvent event(String callId, CallEventKind kind) {
        return new CallEvent(CallEvent.SCHEMA_VERSION, UUID.randomUUID(), callId, GLOBEX,
                new CallSource(SourceSystem.CONVOX, "mumbai"), kind,
                new CallTimes(RANG, RANG, RANG.plusSeconds(5), RANG.plusSeconds(25)),
                new CallParties(PhoneNumber.of("033004799", "+97233004799", PhoneNumber.Type.E164),
                        PhoneNumber.of("035551234", "+97235551234", PhoneNumber.Type.E164), "777", "agent-7", null, null),
                new CallDetails(Direction.INBOUND, null, Outcome.ANSWERED, null, null),
                new CallDurations(null, 5, 20, 25),
                new CallContext(null, "inbound sales", null, "lead-9", "ref-1", null, null, null),
                new Recording("https://recordings.example/2024/03/call.wav", "call.wav", null), Map.of());
    }

    private static CallEvent withRaw(CallEvent event, Map<String, String> raw) {
        return new CallEvent(event.schemaVersion(), event.eventId(), event.callId(), event.tenant(), event.source(),
                event.kind(), event.times(), event.parties(), event.call(), event.durations(), event.context(),
                event.recording(), raw);
    }
}
