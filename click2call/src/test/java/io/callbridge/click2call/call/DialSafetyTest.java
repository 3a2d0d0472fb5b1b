package io.callbridge.click2call.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.common.problem.Problem;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A double click dials once, an agent is rate limited, a tenant dials only from its own agents. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class DialSafetyTest {

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void pbxAccepts() {
        PbxStubResource.acceptEveryDial(pbx);
    }

    @Test
    void aDoubleClickIsTheSameRequestAndDialsOnce() {
        String first = Crm.ACME.call("778", "033004731").statusCode(202).extract().path("requestId");

        Crm.ACME.call("778", "03-300-4731")
                .statusCode(202)
                .body("requestId", equalTo(first))
                .body("status", equalTo("DIALING"));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    @Test
    void clicksArrivingTogetherAreOneRequestDialedOnce() throws Exception {
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson(CallResourceTest.FIXDIGITAL_SUCCESS).withFixedDelay(300)));
        ExecutorService crm = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<String>> clicks = IntStream.range(0, 6)
                    .mapToObj(click -> CompletableFuture.supplyAsync(() -> Crm.ACME.call("778", "033004732")
                            .statusCode(202).extract().<String>path("requestId"), crm))
                    .toList();

            List<String> ids = clicks.stream().map(CompletableFuture::join).distinct().toList();

            assertThat(ids).hasSize(1);
            assertThat(pbx.getAllServeEvents()).hasSize(1);
        } finally {
            crm.shutdownNow();
        }
    }

    @Test
    void theSameAgentCallingAnotherNumberIsANewRequest() {
        String first = Crm.ACME.call("778", "033004733").statusCode(202).extract().path("requestId");
        String second = Crm.ACME.call("778", "033004734").statusCode(202).extract().path("requestId");

        assertThat(second).isNotEqualTo(first);
        assertThat(pbx.getAllServeEvents()).hasSize(2);
    }

    @Test
    void anAgentOverTheRateLimitIsRefusedWithoutDialing() {
        Crm.HOOLI.call("777", "033004741").statusCode(202);
        Crm.HOOLI.call("777", "033004742").statusCode(202);
        Crm.HOOLI.call("777", "033004743").statusCode(202);

        Crm.HOOLI.call("777", "033004744")
                .statusCode(429)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "60")
                .body("errors.field", hasItem("agent"));

        assertThat(pbx.getAllServeEvents()).hasSize(3);
    }

    @Test
    void anAgentOfNoTenantOrAnotherTenantCannotDial() {
        Crm.ACME.call("999", "033004751")
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("not an agent of tenant acme"));
        // agent_7 is acme's, not hooli's
        Crm.HOOLI.call("agent_7", "033004752").statusCode(403);

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPremiumRateNumberIsRefusedWhenConfigured() {
        String premium = PhoneNumberUtil.getInstance().format(
                PhoneNumberUtil.getInstance().getExampleNumberForType("IL", PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE),
                PhoneNumberUtil.PhoneNumberFormat.E164);

        Crm.ACME.call("778", premium)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("number"))
                .body("detail", containsString("PREMIUM_RATE"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theStatusOfARequestIsItsTenantsOnly() {
        String requestId = Crm.ACME.call("778", "033004753").statusCode(202).extract().path("requestId");

        Crm.ACME.status(requestId)
                .statusCode(200)
                .body("requestId", equalTo(requestId))
                .body("status", equalTo("DIALING"))
                .body("agent", equalTo("778"))
                .body("number", equalTo("033004753"));
        Crm.GLOBEX.status(requestId).statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
