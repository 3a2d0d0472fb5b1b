package io.callbridge.dispatch.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server standing in for the CRMs, answering 200 unless a test stubs otherwise. The {@code crm} endpoint
 * points at {@link #PATH}; each of {@link TestEndpoint} at its own path, for the events of its own tenant only, so
 * that a test can make one CRM fail without touching the others. Tests get the server through
 * {@link InjectCrmStub}.
 */
public class CrmStub implements QuarkusTestResourceLifecycleManager {

    public static final String PATH = "/pop";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).atPriority(20).willReturn(ok()));
        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).willReturn(ok()));
        String base = "http://localhost:" + server.port();
        Map<String, String> config = new HashMap<>();
        // endpoints-test.yaml, the declared endpoints, points at it through this.
        config.put("crm-stub.port", Integer.toString(server.port()));
        config.put("callbridge.dispatch.crm.url-template",
                base + PATH + "?number={parties.customer.raw}&ext={parties.extension}&call={callId}&kind={kind}");
        for (TestEndpoint endpoint : TestEndpoint.values()) {
            String prefix = "callbridge.dispatch.endpoints." + endpoint.endpointName() + ".";
            config.put(prefix + "url-template", base + endpoint.path() + "?call={callId}&kind={kind}");
            config.put(prefix + "tenant", endpoint.tenant().value());
            endpoint.properties().forEach((name, value) -> config.put(prefix + name, value));
        }
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectCrmStub.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
