package io.callbridge.dispatch.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server standing in for the CRM, answering 200 unless a test stubs otherwise. The service's URL template
 * points at it; tests get it through {@link InjectCrmStub}.
 */
public class CrmStub implements QuarkusTestResourceLifecycleManager {

    public static final String PATH = "/pop";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).willReturn(ok()));
        return Map.of("callbridge.dispatch.crm.url-template", "http://localhost:" + server.port() + PATH
                + "?number={parties.customer.raw}&ext={parties.extension}&call={callId}&kind={kind}");
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
