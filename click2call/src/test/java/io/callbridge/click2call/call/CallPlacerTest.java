package io.callbridge.click2call.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.audit.DialAudit;
import io.callbridge.click2call.audit.DialRequestPublisher;
import io.callbridge.click2call.audit.DialRequestRecords;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Database;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Kafka is not on the path to the PBX: a request Kafka does not acknowledge is still stored, dialed once and answered,
 * and its statuses wait in the outbox ({@code dial_audit}) until Kafka takes them.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class CallPlacerTest {

    @InjectPbx
    WireMockServer pbx;

    @Inject
    DialAudit audit;

    @BeforeEach
    void pbxAccepts() {
        PbxStubResource.acceptEveryDial(pbx);
    }

    @Test
    void aRequestKafkaDoesNotTakeIsDialedOnceAndItsStatusesWaitInTheOutbox() throws Exception {
        QuarkusMock.installMockForType(new KafkaAcknowledging(), DialRequestPublisher.class);

        String requestId = callAcme("033004704")
                .statusCode(202)
                .body("status", equalTo("DIALING"))
                .extract().path("requestId");

        assertThat(pbx.getAllServeEvents()).hasSize(1);
        assertThat(outboxStatusesOf(UUID.fromString(requestId))).containsExactly("REQUESTED", "DIALING");
    }

    @Test
    void anAcknowledgedRequestLeavesNothingInTheOutbox() {
        String requestId = callAcme("033004705").statusCode(202).extract().path("requestId");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(outboxStatusesOf(UUID.fromString(requestId))).isEmpty());
    }

    @Test
    void statusesLeftInTheOutboxArePublishedAgain() throws Exception {
        String requestId = callAcme("033004706").statusCode(202).extract().path("requestId");
        try (Connection db = Database.connect();
             PreparedStatement leftBehind = db.prepareStatement("INSERT INTO dial_audit (request_id, status, "
                     + "reason, occurred_at, created_at) "
                     + "VALUES (?, 'FAILED', 'left behind', now(), now() - interval '1 hour')")) {
            leftBehind.setObject(1, UUID.fromString(requestId));
            leftBehind.executeUpdate();
        }

        // the scheduled look may come first: either way the record reaches Kafka and leaves the outbox
        audit.resend().await().atMost(Duration.ofSeconds(20));

        try (DialRequestRecords records = DialRequestRecords.open()) {
            assertThat(records.awaitRecordsOf(UUID.fromString(requestId), 3))
                    .extracting(record -> record.value().status())
                    .contains(DialStatus.REQUESTED, DialStatus.DIALING, DialStatus.FAILED);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(outboxStatusesOf(UUID.fromString(requestId))).isEmpty());
    }

    private static List<String> outboxStatusesOf(UUID requestId) throws Exception {
        try (Connection db = Database.connect();
             PreparedStatement select = db.prepareStatement(
                     "SELECT status FROM dial_audit WHERE request_id = ? ORDER BY id")) {
            select.setObject(1, requestId);
            List<String> statuses = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
            return statuses;
        }
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
        public Uni<Void> publish(DialRequest request, String traceparent) {
            return acknowledged.contains(request.status()) ? Uni.createFrom().voidItem() : Uni.createFrom().nothing();
        }
    }
}
