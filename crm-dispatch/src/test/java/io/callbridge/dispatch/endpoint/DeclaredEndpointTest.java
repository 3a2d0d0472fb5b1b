package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.CallEventsTopic;
import io.callbridge.dispatch.testing.CrmRequests;
import io.callbridge.dispatch.testing.OutboxRows;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.delivery.network.AddressGuard;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoint {@code declared} comes from endpoints-test.yaml, as from a ConfigMap, into the same registry. */
@QuarkusTest
class DeclaredEndpointTest extends DispatchTest {

    @Inject
    CrmEndpoints endpoints;

    @Inject
    EndpointCompiler compiler;

    @Inject
    AddressGuard guard;

    @Test
    void anEndpointDeclaredInYamlGetsItsEvents() {
        String path = "/declared/webservice.php";
        crm.stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(okJson("{\"success\":true,\"result\":[]}")));
        CallEvent offered = TestEvents.event(TenantId.of("declared"), TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        try (CallEventsTopic topic = new CallEventsTopic()) {
            topic.send(offered);
        }

        new OutboxRows(pool).awaitState(offered.eventId(), "declared", "DELIVERED");
        assertThat(new CrmRequests(crm).of(path, offered.eventId())).singleElement()
                .satisfies(request -> assertThat(request.getUrl())
                        .isEqualTo(path + "?operation=incomingCall&sExt=777&sNumber=033004799&ClientId=10"));
        assertThat(endpoints.named("declared").orElseThrow().kinds())
                .containsExactlyInAnyOrder(CallEventKind.CALL_OFFERED, CallEventKind.CALL_ANSWERED);
    }

    @Test
    void aDeclaredEndpointWhoseUrlResolvesToTheMetadataAddressStopsTheServiceNamingTheProperty() {
        DispatchConfig config = endpoints("""
                      metadata:
                        url-template: "http://169.254.169.254/latest/meta-data?call={callId}"
                        tenant: declared
                """);

        assertThatThrownBy(() -> new ConfiguredCrmEndpoints(config, compiler, guard))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("callbridge.dispatch.endpoints.metadata.url-template: refused: ")
                .hasMessageContaining("169.254.169.254, a link-local address");
    }

    @Test
    void aDeclaredEndpointOnANetworkItsTenantMayReachIsTaken() {
        DispatchConfig config = endpoints("""
                      local:
                        url-template: "http://127.0.0.1:9/pop?call={callId}"
                        tenant: declared
                      everyones:
                        url-template: "http://127.0.0.1:9/pop?call={callId}"
                """);

        assertThat(new ConfiguredCrmEndpoints(config, compiler, guard).all()).extracting(CrmEndpoint::name)
                .containsExactlyInAnyOrder("crm", "local", "everyones");
    }

    /**
     * A YAML file (a ConfigMap) with these {@code callbridge.dispatch.endpoints}, besides the {@code crm} endpoint, as
     * the service reads it at startup.
     */
    private static DispatchConfig endpoints(String endpoints) {
        String yaml = """
                callbridge:
                  dispatch:
                    crm:
                      url-template: "http://127.0.0.1:9/pop?call={callId}"
                    endpoints:
                """ + endpoints;
        return new SmallRyeConfigBuilder().withSources(new YamlConfigSource("endpoints.yaml", yaml))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(DispatchConfig.class).build().getConfigMapping(DispatchConfig.class);
    }
}
