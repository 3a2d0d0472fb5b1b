package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.request.UrlGetTemplate;
import io.callbridge.dispatch.template.CrmUrlTemplates;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class CrmEndpointTest extends DispatchTest {

    private static final RetrySchedule ONE_ATTEMPT = new RetrySchedule(List.of(Duration.ZERO), 0);

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

        assertThat(wanting(TestEvents.event(callId, CallEventKind.CALL_OFFERED)))
                .extracting(CrmEndpoint::name).containsExactly("crm");
        assertThat(wanting(TestEvents.event(callId, CallEventKind.CALL_ANSWERED))).isEmpty();
    }

    @Test
    void theDefaultScheduleIsTenAttemptsFromImmediatelyToTwelveHours() {
        RetrySchedule schedule = configured.named("fast").orElseThrow().retry();

        assertThat(schedule.delays()).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12));
        assertThat(schedule.maxAttempts()).isEqualTo(10);
        assertThat(schedule.after(1).orElseThrow()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6));
        assertThat(schedule.after(10)).isEmpty();
    }

    private CrmEndpoint endpoint(Set<CallEventKind> kinds, Optional<TenantId> tenant) {
        return new CrmEndpoint("test", new UrlGetTemplate(templates.compile("http://crm.example/pop?call={callId}")),
                kinds, tenant,
                Duration.ofSeconds(1), ONE_ATTEMPT, Optional.empty(), 1, 0, List.of());
    }

    private List<CrmEndpoint> wanting(CallEvent event) {
        return configured.wanting(event).await().atMost(Duration.ofSeconds(5));
    }
}
