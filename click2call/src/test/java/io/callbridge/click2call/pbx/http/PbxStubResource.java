package io.callbridge.click2call.pbx.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A WireMock stand-in for every PBX of the tests, each on its own path: a FixDigital dialer (the document's
 * {@code http://HOST:6560/dialer/sodialer.php?sExt=777&sNumber=033004799&ClientId=10}, on WireMock's port), the UIS
 * Call and Data APIs, a Call Center Studio account and a ConVox server.
 */
public class PbxStubResource implements QuarkusTestResourceLifecycleManager {

    public static final String DIALER_PATH = "/dialer/sodialer.php";
    /** The FixDigital dialer's answer to an originate it accepted (004_...txt). */
    public static final String DIALER_ACCEPTED = "{\"success\":true,\"result\":[]}";
    public static final String UIS_CALL_API_PATH = "/uis/callapi/v4.0";
    public static final String UIS_DATA_API_PATH = "/uis/dataapi/v2.0";
    public static final String CCS_BASE_PATH = "/ccs";
    public static final String CONVOX_CLICK_TO_CALL_PATH = "/ConVoxCCS/Agent/click2call.php";
    public static final String CONVOX_CALLCONTROL_PATH = "/ConVoxCCS/Agent/callcontrol_api.php";

    private WireMockServer pbx;

    @Override
    public Map<String, String> start() {
        pbx = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        pbx.start();
        String base = "http://localhost:" + pbx.port();
        return Map.of(
                "callbridge.click2call.pbx.url-template",
                base + DIALER_PATH + "?sExt={agent}&sNumber={number.raw}&ClientId={tenant}",
                "callbridge.click2call.uis.call-api-url", base + UIS_CALL_API_PATH,
                "callbridge.click2call.uis.data-api-url", base + UIS_DATA_API_PATH,
                "callbridge.click2call.ccs.tenants.initech.base-url", base + CCS_BASE_PATH,
                "callbridge.click2call.convox.tenants.umbrella.click-to-call-url",
                base + CONVOX_CLICK_TO_CALL_PATH + "?agent_id={agent}&mobile_number={number.digits}",
                "callbridge.click2call.convox.tenants.umbrella.callcontrol-url", base + CONVOX_CALLCONTROL_PATH);
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

    /** Forgets every stub and request, and has the FixDigital dialer accept every originate. */
    public static void acceptEveryDial(WireMockServer pbx) {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(DIALER_PATH)).willReturn(okJson(DIALER_ACCEPTED)));
    }
}
