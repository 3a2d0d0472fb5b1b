package io.callbridge.click2call.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.click2call.pbx.http.InjectPbx;
import io.callbridge.click2call.pbx.http.PbxStubResource;
import io.callbridge.click2call.testing.Crm;
import io.callbridge.click2call.testing.Database;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The double-click claims ({@code dial_dedupe}) older than the window (30 s, plus a minute for replicas' clocks) are
 * deleted on schedule, by several replicas at once without harm; the claims within the window stay and still make a
 * double click one request.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(PbxStubResource.class)
class DedupeCleanerTest {

    @InjectPbx
    WireMockServer pbx;

    @Inject
    DedupeCleaner cleaner;

    @BeforeEach
    void pbxAccepts() {
        PbxStubResource.acceptEveryDial(pbx);
    }

    @Test
    void expiredClaimsAreDeletedOnScheduleAndAClaimWithinTheWindowStillDedupes() throws Exception {
        storeClaim("cleaner-old", "+97233004771", Instant.now().minus(Duration.ofHours(1)));
        storeClaim("cleaner-late", "+97233004772", Instant.now().minus(Duration.ofSeconds(100)));
        storeClaim("cleaner-grace", "+97233004773", Instant.now().minus(Duration.ofSeconds(45)));
        String first = Crm.ACME.call("777", "033004774").statusCode(202).extract().path("requestId");

        // the scheduled look (every second here) deletes those past the window and the clocks' grace
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(claimsOf("cleaner-old")).isZero();
            assertThat(claimsOf("cleaner-late")).isZero();
        });
        cleaner.clean().await().atMost(Duration.ofSeconds(10));

        assertThat(claimsOf("cleaner-grace")).as("past the window, within the clocks' grace").isOne();
        assertThat(claimsOf("777", "+97233004774")).isOne();
        Crm.ACME.call("777", "033004774").statusCode(202).body("requestId", equalTo(first));
        assertThat(pbx.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aNumberWhoseClaimWasDeletedIsDialedAnewOnTheNextClick() throws Exception {
        String earlier = Crm.ACME.call("778", "033004775").statusCode(202).extract().path("requestId");
        try (Connection db = Database.connect();
             PreparedStatement age = db.prepareStatement("UPDATE dial_dedupe SET requested_at = ? "
                     + "WHERE tenant = 'acme' AND agent = '778' AND number_e164 = '+97233004775'")) {
            age.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
            assertThat(age.executeUpdate()).isOne();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> claimsOf("778", "+97233004775") == 0);

        Crm.ACME.call("778", "033004775").statusCode(202).body("requestId", not(equalTo(earlier)));

        assertThat(pbx.getAllServeEvents()).hasSize(2);
        assertThat(claimsOf("778", "+97233004775")).isOne();
    }

    @Test
    void replicasCleaningTogetherDeleteEveryExpiredClaimWithoutFailing() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        try (Connection db = Database.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO dial_dedupe (tenant, agent, number_e164, "
                     + "request_id, requested_at) SELECT 'acme', 'replicas', '+9723300' || n, gen_random_uuid(), ? "
                     + "FROM generate_series(1, 1000) AS n")) {
            insert.setTimestamp(1, Timestamp.from(longAgo));
            assertThat(insert.executeUpdate()).isEqualTo(1000);
        }

        // two replicas at once, in batches of 100, besides the scheduled look of this one
        Uni.join().all(cleaner.clean(), cleaner.clean()).andFailFast().await().atMost(Duration.ofSeconds(30));

        assertThat(claimsOf("replicas")).isZero();
    }

    private static void storeClaim(String agent, String number, Instant at) throws Exception {
        try (Connection db = Database.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO dial_dedupe (tenant, agent, number_e164, "
                     + "request_id, requested_at) VALUES ('acme', ?, ?, ?, ?)")) {
            insert.setString(1, agent);
            insert.setString(2, number);
            insert.setObject(3, UUID.randomUUID());
            insert.setTimestamp(4, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private static int claimsOf(String agent) throws Exception {
        return count("SELECT count(*) FROM dial_dedupe WHERE tenant = 'acme' AND agent = ?", agent);
    }

    private static int claimsOf(String agent, String number) throws Exception {
        return count("SELECT count(*) FROM dial_dedupe WHERE tenant = 'acme' AND agent = ? AND number_e164 = ?",
                agent, number);
    }

    private static int count(String sql, String... parameters) throws Exception {
        try (Connection db = Database.connect(); PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
