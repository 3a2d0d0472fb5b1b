package io.callbridge.dispatch.delivery.network;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.testing.CallEventsTopic;
import io.callbridge.dispatch.testing.CrmRequests;
import io.callbridge.dispatch.testing.OutboxRows;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tenant mallory has no allow-list: its deliveries may not reach loopback, where the CRM stub listens. */
@QuarkusTest
class AddressGuardTest extends DispatchTest {

    private static final TenantId MALLORY = TenantId.of("mallory");

    @Inject
    AddressGuard guard;

    @Test
    void theServicesOwnNetworksAreRefusedByDefault() throws Exception {
        assertThat(guard.refusal(InetAddress.getByName("127.0.0.1"))).get().asString().contains("loopback");
        assertThat(guard.refusal(InetAddress.getByName("::1"))).get().asString().contains("loopback");
        assertThat(guard.refusal(InetAddress.getByName("10.1.2.3"))).get().asString().contains("private");
        assertThat(guard.refusal(InetAddress.getByName("172.16.0.1"))).get().asString().contains("private");
        assertThat(guard.refusal(InetAddress.getByName("192.168.1.1"))).get().asString().contains("private");
        assertThat(guard.refusal(InetAddress.getByName("169.254.169.254"))).get().asString().contains("metadata");
        assertThat(guard.refusal(InetAddress.getByName("fe80::1"))).get().asString().contains("link-local");
        assertThat(guard.refusal(InetAddress.getByName("100.64.0.1"))).get().asString().contains("CGNAT");
        assertThat(guard.refusal(InetAddress.getByName("fd00:ec2::254"))).get().asString().contains("unique-local");
        assertThat(guard.refusal(InetAddress.getByName("0.0.0.0"))).isPresent();
        assertThat(guard.refusal(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF,
                (byte) 0xFF, 127, 0, 0, 1}))).get().asString().contains("loopback");
        assertThat(guard.refusal(InetAddress.getByName("93.184.215.14"))).isEmpty();
        assertThat(guard.refusal(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))).isEmpty();
    }

    @Test
    void aTenantsAllowListLetsItsDeliveriesThroughAndNoOthers() {
        assertThat(guard.resolve("localhost", TenantId.of("acme")).await().atMost(Duration.ofSeconds(10))
                .isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> guard.resolve("localhost", MALLORY).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(RefusedAddressException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.resolve("169.254.169.254", TenantId.of("acme")).await()
                .atMost(Duration.ofSeconds(10))).isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void aDeliveryToARefusedAddressIsNeverSent() {
        CallEvent offered = TestEvents.event(MALLORY, TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        try (CallEventsTopic topic = new CallEventsTopic()) {
            topic.send(offered);
        }
        OutboxRows outbox = new OutboxRows(pool);

        assertThat(outbox.awaitState(offered.eventId(), "crm", "DEAD").lastOutcome())
                .contains("refused", "loopback", "mallory");
        assertThat(outbox.attempts(offered.eventId(), "crm")).hasSize(3)
                .allSatisfy(attempt -> assertThat(attempt.status()).isNull());
        assertThat(new CrmRequests(crm).of(offered.eventId())).isEmpty();
    }
}
