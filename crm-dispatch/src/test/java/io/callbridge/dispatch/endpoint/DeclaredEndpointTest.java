package io.callbridge.dispatch.endpoint;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.CallEventsTopic;
import io.callbridge.dispatch.testing.CrmRequests;
import io.callbridge.dispatch.testing.CrmStub;
import io.callbridge.dispatch.testing.InjectCrmStub;
import io.callbridge.dispatch.testing.OutboxRows;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint {@code declared} comes from endpoints-test.yaml, as from a ConfigMap, into the same registry. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(CrmStub.class)
class DeclaredEndpointTest {

    @InjectCrmStub
    WireMockServer crm;

    @Inject
    Pool pool;

    @Inject
    CrmEndpoints endpoints;

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
}
