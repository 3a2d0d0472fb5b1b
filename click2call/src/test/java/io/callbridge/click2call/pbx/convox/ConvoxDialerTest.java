package io.callbridge.click2call.pbx.convox;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Tenant umbrella dials through its ConVox server's click-to-call URL. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class ConvoxDialerTest {

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void resetPbx() {
        pbx.resetAll();
    }

    @Test
    void theClickToCallUrlCarriesTheConvoxAgentAndTheNumber() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.CONVOX_CLICK_TO_CALL_PATH)).willReturn(ok()));

        Crm.UMBRELLA.call("777", "03-300-4721").statusCode(202);

        pbx.verify(1, getRequestedFor(urlEqualTo(PbxStubResource.CONVOX_CLICK_TO_CALL_PATH
                + "?agent_id=AG777&mobile_number=033004721")));
    }

    @Test
    void aConvoxErrorFailsTheCallOnce() {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.CONVOX_CLICK_TO_CALL_PATH))
                .willReturn(aResponse().withStatus(503).withBody("agent not logged in")));

        Crm.UMBRELLA.call("777", "033004722")
                .statusCode(502)
                .body("detail", containsString("HTTP 503: agent not logged in"));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }
}
