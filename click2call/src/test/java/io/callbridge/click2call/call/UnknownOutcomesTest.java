package io.callbridge.click2call.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.audit.DialRequestPublisher;
import io.callbridge.click2call.audit.DialRequestRecords;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.click2call.testing.Database;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.trace.TraceParent;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A dial request left REQUESTED by a service that stopped during its PBX call (as a SIGKILL leaves it: stored, never
 * settled) does not stay REQUESTED: after the bound ({@code %test}: 20 s) it is FAILED, outcome unknown, on Kafka too,
 * and never dialed again; a request younger than the bound, possibly still in its PBX call, is left alone.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class UnknownOutcomesTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @InjectPbx
    WireMockServer pbx;

    @Inject
    UnknownOutcomes outcomes;

    @BeforeEach
    void pbxAccepts() {
        PbxStubResource.acceptEveryDial(pbx);
    }

    @Test
    void aRequestLeftRequestedIsFailedWithOutcomeUnknownAndNeverDialed() throws Exception {
        // a request is on Kafka's topic first, so that the auditor's consumer finds its partitions
        Crm.ACME.call("777", "033004761").statusCode(202);
        pbx.resetRequests();
        UUID abandoned = storeRequested("033004762", Instant.now().minus(Duration.ofMinutes(10)));
        UUID inCall = storeRequested("033004763", Instant.now().minusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Crm.ACME.status(abandoned.toString())
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("reason", equalTo(UnknownOutcomes.REASON)));

        Crm.ACME.status(inCall.toString()).statusCode(200).body("status", equalTo("REQUESTED"));
        try (DialRequestRecords records = DialRequestRecords.open()) {
            ConsumerRecord<String, DialRequest> failed = records.awaitRecordsOf(abandoned, 1).get(0);
            assertThat(failed.value().status()).isEqualTo(DialStatus.FAILED);
            assertThat(failed.value().reason()).isEqualTo(UnknownOutcomes.REASON);
            assertThat(new String(failed.headers().lastHeader(TraceParent.HEADER).value(), StandardCharsets.US_ASCII))
                    .isEqualTo(TRACEPARENT);
        }
        assertThat(pbx.getAllServeEvents()).as("nothing dialed").isEmpty();
    }

    @Test
    void replicasLookingTogetherGiveEachRequestUpOnce() throws Exception {
        // Kafka acknowledges nothing here, so every FAILED record written stays in the outbox to be counted
        QuarkusMock.installMockForType(new CallPlacerTest.KafkaAcknowledging(), DialRequestPublisher.class);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        List<UUID> abandoned = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            abandoned.add(storeRequested("0330048" + String.format("%02d", i), longAgo));
        }

        // two replicas at once (batches of 10), besides the scheduled look of this one
        List<Integer> givenUp = Uni.join().all(outcomes.giveUp(), outcomes.giveUp()).andFailFast()
                .await().atMost(Duration.ofSeconds(30));

        assertThat(givenUp).allSatisfy(count -> assertThat(count).isBetween(0, 40));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (UUID request : abandoned) {
                assertThat(statusOf(request)).isEqualTo("FAILED");
            }
        });
        for (UUID request : abandoned) {
            assertThat(failedAuditRecordsOf(request)).as("FAILED records of " + request).isEqualTo(1);
        }
    }

    @Test
    void aBoundNotLongerThanAPbxCallStopsTheService() {
        assertThatThrownBy(() -> UnknownOutcomes.requireLongerThanACall(Duration.ofSeconds(8), Duration.ofSeconds(8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outcome-unknown.after");
        UnknownOutcomes.requireLongerThanACall(Duration.ofSeconds(9), Duration.ofSeconds(8));
    }

    /** What a service killed during the PBX call leaves: the request stored REQUESTED, never settled. */
    private static UUID storeRequested(String number, Instant at) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Database.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO dial_request (request_id, tenant, agent, "
                     + "pbx_agent, number_raw, number_e164, status, requested_at, updated_at, traceparent) "
                     + "VALUES (?, 'acme', '777', '777', ?, ?, 'REQUESTED', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, number);
            insert.setString(3, "+972" + number.substring(1));
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setTimestamp(5, Timestamp.from(at));
            insert.setString(6, TRACEPARENT);
            insert.executeUpdate();
        }
        return id;
    }

    private static String statusOf(UUID request) throws Exception {
        try (Connection db = Database.connect();
             PreparedStatement select = db.prepareStatement("SELECT status FROM dial_request WHERE request_id = ?")) {
            select.setObject(1, request);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static int failedAuditRecordsOf(UUID request) throws Exception {
        try (Connection db = Database.connect();
             PreparedStatement select = db.prepareStatement(
                     "SELECT count(*) FROM dial_audit WHERE request_id = ? AND status = 'FAILED'")) {
            select.setObject(1, request);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
