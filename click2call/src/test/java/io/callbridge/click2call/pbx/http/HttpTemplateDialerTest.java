package io.callbridge.click2call.pbx.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.qute.Engine;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates other than the application's: POST, every value, encoding, misspelt names, an unreachable PBX. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class HttpTemplateDialerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final UUID REQUEST_ID = UUID.fromString("5b0f3c3e-8d52-4c1e-9a49-0c2f3b5e7a11");

    @Inject
    Vertx vertx;

    @Inject
    Engine engine;

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void resetPbx() {
        pbx.resetAll();
    }

    @Test
    void postSendsTheQueryAsAFormBodyWithEveryValueEncoded() {
        pbx.stubFor(post(urlPathEqualTo("/click2call")).willReturn(ok("queued")));
        String template = "http://localhost:" + pbx.port() + "/click2call?agent={agent}&to={number.e164}"
                + "&raw={number.raw}&digits={number.digits}&tenant={tenant}&ref={requestId}&cli={callerId}";

        DialOutcome outcome = dial(config(template, HttpTemplateDialerConfig.Method.POST),
                request("a b&c", "+972 3-300-4799", null));

        assertThat(outcome).isEqualTo(DialOutcome.dialing());
        pbx.verify(1, postRequestedFor(urlEqualTo("/click2call"))
                .withHeader("Content-Type", equalTo(UrlEncodingResultMapper.CONTENT_TYPE))
                .withRequestBody(equalTo("agent=a%20b%26c&to=%2B97233004799&raw=%2B972%203-300-4799"
                        + "&digits=97233004799&tenant=acme&ref=" + REQUEST_ID + "&cli=")));
    }

    @Test
    void aCallerIdIsSentWhenTheRequestHasOne() {
        pbx.stubFor(get(urlPathEqualTo("/originate")).willReturn(ok()));
        String template = "http://localhost:" + pbx.port() + "/originate?ext={agent}&dst={number.digits}&cli={callerId}";

        dial(config(template, HttpTemplateDialerConfig.Method.GET), request("777", "03-300-4799", "+97235551234"));

        pbx.verify(1, getRequestedFor(urlEqualTo("/originate?ext=777&dst=033004799&cli=%2B97235551234")));
    }

    @Test
    void aTemplateNamingAnUnknownValueIsRefusedAtOnce() {
        assertThatThrownBy(() -> new HttpTemplateDialer(vertx, engine,
                config("http://pbx/dial?ext={agnet}", HttpTemplateDialerConfig.Method.GET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agnet");
    }

    @Test
    void anUnreachablePbxIsAFailedDial() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        DialOutcome outcome = dial(config("http://localhost:" + closedPort + "/dial?ext={agent}",
                HttpTemplateDialerConfig.Method.GET), request("777", "033004799", null));

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.reason()).startsWith("The PBX could not be reached");
    }

    private DialOutcome dial(HttpTemplateDialerConfig config, DialRequest request) {
        HttpTemplateDialer dialer = new HttpTemplateDialer(vertx, engine, config);
        try {
            return dialer.dial(new PbxCall(request, request.agent())).await().atMost(TIMEOUT.multipliedBy(2));
        } finally {
            dialer.close();
        }
    }

    private static DialRequest request(String agent, String number, String callerId) {
        return new DialRequest(DialRequest.SCHEMA_VERSION, REQUEST_ID, TenantId.of("acme"), agent,
                PhoneNumber.parse(number, "IL"), callerId, DialStatus.REQUESTED, null, Instant.now());
    }

    private static HttpTemplateDialerConfig config(String urlTemplate, HttpTemplateDialerConfig.Method method) {
        return new DialerSettings(urlTemplate, method, TIMEOUT, Optional.empty(), 64);
    }

    private record DialerSettings(String urlTemplate, Method method, Duration timeout,
                                  Optional<Pattern> successBodyPattern, int maxConnections)
            implements HttpTemplateDialerConfig {
    }
}
