package io.callbridge.dispatch.outbox;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.kafka.EventJson;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.CrmEndpoints;
import io.callbridge.dispatch.testing.DispatchTest;
import io.callbridge.dispatch.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Deliveries held to be claimed by id, kept by the worker with or without their event. */
@QuarkusTest
class HeldDeliveriesTest extends DispatchTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Inject
    Outbox store;

    @Inject
    CrmEndpoints endpoints;

    @Test
    void aDeliveryHeldByIdAloneIsClaimedWithItsEventAndTraceContextReadBack() throws Exception {
        CallEvent offered = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        DueDelivery held = hold(offered);

        Outbox.ClaimedStored claimed = store.claimStored(List.of(withoutEvent(held)), LEASE, Duration.ofSeconds(10))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(claimed.claimed()).hasSize(1);
        DueDelivery delivery = claimed.claimed().get(0);
        assertThat(delivery.id()).isEqualTo(held.id());
        assertThat(delivery.attempt()).isEqualTo(1);
        assertThat(EventJson.MAPPER.writeValueAsString(delivery.event()))
                .isEqualTo(EventJson.MAPPER.writeValueAsString(offered));
        assertThat(delivery.traceparent()).contains(TRACEPARENT);
    }

    @Test
    void aClaimKeepsTheLeaseOfAHeldDeliveryWhileEnoughOfItIsLeftAndLeasesItAnewOtherwise() {
        DueDelivery kept = hold(TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED));
        DueDelivery renewed = hold(TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED));
        OffsetDateTime keptUntil = leasedUntil(kept);
        OffsetDateTime renewedUntil = leasedUntil(renewed);

        store.claimStored(List.of(kept), LEASE, Duration.ofSeconds(10)).await().atMost(Duration.ofSeconds(10));
        // More than the lease can have left: always leased anew.
        store.claimStored(List.of(renewed), LEASE, LEASE.plusSeconds(1)).await().atMost(Duration.ofSeconds(10));

        assertThat(leasedUntil(kept)).isEqualTo(keptUntil);
        assertThat(leasedUntil(renewed)).isAfter(renewedUntil);
        assertThat(outbox.delivery(kept.event().eventId(), "crm").orElseThrow().attempts()).isEqualTo(1);
    }

    /** Stores the event's delivery to {@code crm} held for this test (the worker does not know it). */
    private DueDelivery hold(CallEvent event) {
        CrmEndpoint crm = endpoints.named("crm").orElseThrow();
        Outbox.Stored stored = store.store(List.of(new Outbox.NewDeliveries(event, List.of(crm),
                        Optional.of(TRACEPARENT))), null, new boolean[]{true}, LEASE)
                .await().atMost(Duration.ofSeconds(10));
        assertThat(stored.held()).hasSize(1);
        return stored.held().get(0);
    }

    private static DueDelivery withoutEvent(DueDelivery delivery) {
        return new DueDelivery(delivery.id(), delivery.endpoint(), delivery.attempt(), null, false, Optional.empty());
    }

    private OffsetDateTime leasedUntil(DueDelivery delivery) {
        Row row = pool.preparedQuery("SELECT next_attempt_at FROM delivery WHERE id = $1")
                .execute(Tuple.of(delivery.id())).await().atMost(Duration.ofSeconds(10)).iterator().next();
        return row.getOffsetDateTime("next_attempt_at");
    }
}
