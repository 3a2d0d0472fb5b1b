package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.CrmStub;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.template.CrmUrlTemplates;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(CrmStub.class)
class CrmEndpointTest {

    private static final RetryPolicy NO_RETRIES = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0);

    @Inject
    CrmUrlTemplates templates;

    @Inject
    CrmEndpoints configured;

    @Test
    void anEndpointWantsItsKindsOfItsTenantOnly() {
        CrmEndpoint globexEndsOnly = endpoint(Set.of(CallEventKind.CALL_ENDED), Optional.of(TenantId.of("globex")));
        CallEvent acmeEnded = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_ENDED);

        assertThat(globexEndsOnly.wants(acmeEnded)).isFalse();
        assertThat(endpoint(Set.of(CallEventKind.CALL_ENDED), Optional.of(TenantId.of("acme"))).wants(acmeEnded))
                .isTrue();
        assertThat(endpoint(Set.of(CallEventKind.CALL_OFFERED), Optional.empty()).wants(acmeEnded)).isFalse();
        assertThat(endpoint(Set.of(CallEventKind.CALL_ENDED), Optional.empty()).wants(acmeEnded)).isTrue();
    }

    @Test
    void theConfiguredEndpointWantsTheConfiguredKinds() {
        String callId = TestEvents.newCallId();

        assertThat(configured.wanting(TestEvents.event(callId, CallEventKind.CALL_OFFERED))
                .await().atMost(Duration.ofSeconds(5))).hasSize(1);
        assertThat(configured.wanting(TestEvents.event(callId, CallEventKind.CALL_ANSWERED))
                .await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    private CrmEndpoint endpoint(Set<CallEventKind> kinds, Optional<TenantId> tenant) {
        return new CrmEndpoint("test", templates.compile("http://crm.example/pop?call={callId}"), kinds, tenant,
                Duration.ofSeconds(1), NO_RETRIES);
    }
}
