package io.callbridge.dispatch.outbox;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.CrmEndpoints;
import io.callbridge.dispatch.testing.DispatchTest;
import io.callbridge.dispatch.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Storing events: each once, with its deliveries, however often its Kafka record comes. */
@QuarkusTest
class OutboxStoreTest extends DispatchTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    Outbox store;

    @Inject
    CrmEndpoints endpoints;

    @Test
    void aRecordTwiceInABatchOrDeliveredAgainIsStoredOnce() {
        CrmEndpoint crm = endpoints.named("crm").orElseThrow();
        CallEvent first = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        CallEvent second = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        Outbox.NewDeliveries a = new Outbox.NewDeliveries(first, List.of(crm), Optional.empty());
        Outbox.NewDeliveries b = new Outbox.NewDeliveries(second, List.of(crm), Optional.empty());

        // The flags follow the batch as given: the repeated record's own flag is skipped with it, so the second
        // event's (not held) is its own.
        Outbox.Stored stored = store.store(List.of(a, a, b), null, new boolean[]{true, true, false}, LEASE)
                .await().atMost(Duration.ofSeconds(10));
        assertThat(stored.held()).extracting(delivery -> delivery.event().eventId())
                .containsExactly(first.eventId());
        assertThat(stored.due()).isEqualTo(1);

        Outbox.Stored again = store.store(List.of(b, a), null, new boolean[]{true, true}, LEASE)
                .await().atMost(Duration.ofSeconds(10));
        assertThat(again.claimed()).isEmpty();
        assertThat(again.held()).isEmpty();
        assertThat(again.due()).isZero();

        UUID[] ids = {first.eventId(), second.eventId()};
        assertThat(count("SELECT count(*) FROM delivery WHERE event_id = ANY($1)", ids)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM delivery_event WHERE event_id = ANY($1)", ids)).isEqualTo(2);
    }

    private long count(String sql, UUID[] ids) {
        return pool.preparedQuery(sql).execute(Tuple.of(ids)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
