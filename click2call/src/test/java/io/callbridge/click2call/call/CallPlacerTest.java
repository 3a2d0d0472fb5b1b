package io.callbridge.click2call.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.audit.DialRequestPublisher;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.problem.Problem;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What the CRM hears when Kafka does not acknowledge: a dial request the PBX must not place, or its outcome. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class CallPlacerTest {

    @InjectPbx
    WireMockServer pbx;

    @BeforeEach
    void pbxAccepts() {
        pbx.resetAll();
        pbx.stubFor(get(urlPathEqualTo(PbxStubResource.DIALER_PATH))
                .willReturn(okJson(CallResourceTest.FIXDIGITAL_SUCCESS)));
    }

    @Test
    void anUnacknowledgedRequestIsUnavailableAndNeverReachesThePbx() {
        QuarkusMock.installMockForType(new KafkaAcknowledging(), DialRequestPublisher.class);

        callAcme("033004704")
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "10")
                .body("detail", containsString("the call was not placed"));

        pbx.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnrecordedOutcomeStillAnswersWhatThePbxDid() {
        QuarkusMock.installMockForType(new KafkaAcknowledging(DialStatus.REQUESTED), DialRequestPublisher.class);

        callAcme("033004705")
                .statusCode(202)
                .body("status", equalTo("DIALING"));

        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    private static ValidatableResponse callAcme(String number) {
        return given().header("Authorization", CallResourceTest.ACME_KEY)
                .contentType(ContentType.JSON)
                .body("{\"agent\": \"777\", \"number\": \"" + number + "\"}")
                .when().post("/v1/calls")
                .then();
    }

    /** A Kafka that acknowledges the records of the given statuses at once and never the others. */
    static final class KafkaAcknowledging extends DialRequestPublisher {

        private final Set<DialStatus> acknowledged;

        KafkaAcknowledging(DialStatus... acknowledged) {
            super(null);
            this.acknowledged = Set.of(acknowledged);
        }

        @Override
        public Uni<Void> publish(DialRequest request) {
            return acknowledged.contains(request.status()) ? Uni.createFrom().voidItem() : Uni.createFrom().nothing();
        }
    }
}
