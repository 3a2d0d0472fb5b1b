package io.callbridge.click2call.pbx.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A WireMock stand-in for a FixDigital dialer, and the URL template that reaches it: the document's
 * {@code http://HOST:6560/dialer/sodialer.php?sExt=777&sNumber=033004799&ClientId=10}, on WireMock's port.
 */
public class PbxStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String DIALER_PATH = "/dialer/sodialer.php";

    private WireMockServer pbx;

    @Override
    public Map<String, String> start() {
        pbx = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        pbx.start();
        return Map.of("callbridge.click2call.pbx.url-template", "http://localhost:" + pbx.port() + DIALER_PATH
                + "?sExt={agent}&sNumber={number.raw}&ClientId={tenant}");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(pbx, new TestInjector.AnnotatedAndMatchesType(InjectPbx.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (pbx != null) {
            pbx.stop();
        }
    }
}
