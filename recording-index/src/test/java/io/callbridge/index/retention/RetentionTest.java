package io.callbridge.index.retention;

import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.testing.Api;
import io.callbridge.index.testing.EndedCall;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.callbridge.index.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test profile gives initech and umbrella a 30-day retention and runs the purge every second; umbrella's is a
 * dry run.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RetentionTest {

    private static final String INITECH_KEY = "initech-test-key";
    private static final String UMBRELLA_KEY = "umbrella-test-key";

    private static TestKafka kafka;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theScheduledPurgeDeletesOldCallsButKeepsProtectedAndRecentOnes() {
        TenantId initech = TenantId.of("initech");
        EndedCall old = EndedCall.of().tenant(initech).startedAt("2020-01-01T10:00:00Z").recording("/rec/old.wav");
        EndedCall kept = EndedCall.of().tenant(initech).startedAt("2020-01-01T11:00:00Z")
                .recording("/rec/kept.wav").protectedRecording();
        String recent = publish(EndedCall.of().tenant(initech)
                .startedAt(Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)));
        // The old call goes into the protected call's partition, before it: once the protected call is served, the
        // old one was indexed, so its absence afterwards is the purge's doing.
        kafka.publish(kept.event().partitionKey(), old.event());
        kafka.publish(kept.event());
        Api.awaitCall(INITECH_KEY, kept.callId(), Api.eventCount(1));
        Api.awaitCall(INITECH_KEY, recent, Api.eventCount(1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.getCall(INITECH_KEY, old.callId()).extract().statusCode() == 404);
        Api.getCall(INITECH_KEY, kept.callId()).statusCode(200);
        Api.getCall(INITECH_KEY, recent).statusCode(200);
        as(INITECH_KEY).when().get("/v1/retention/report").then().statusCode(200)
                .body("callsDue", org.hamcrest.Matchers.is(0))
                .body("protectedCallsKept", org.hamcrest.Matchers.is(1));
    }

    @Test
    void theDryRunReportsWithoutDeleting() {
        TenantId umbrella = TenantId.of("umbrella");
        String old = publish(EndedCall.of().tenant(umbrella).startedAt("2020-02-01T10:00:00Z").recording("/rec/u1.wav"));
        String kept = publish(EndedCall.of().tenant(umbrella).startedAt("2020-02-01T11:00:00Z")
                .recording("/rec/u2.wav").protectedRecording());
        publish(EndedCall.of().tenant(umbrella).startedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        Api.awaitCall(UMBRELLA_KEY, old, Api.eventCount(1));
        Api.awaitCall(UMBRELLA_KEY, kept, Api.eventCount(1));

        JsonPath report = as(UMBRELLA_KEY).when().get("/v1/retention/report")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("tenant")).isEqualTo("umbrella");
        assertThat(report.getBoolean("dryRun")).isTrue();
        assertThat(report.getLong("callsDue")).isEqualTo(1);
        assertThat(report.getLong("recordingsDue")).isEqualTo(1);
        assertThat(report.getLong("protectedCallsKept")).isEqualTo(1);
        // Several purge periods later, the dry-run tenant's call is still there.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> Api.getCall(UMBRELLA_KEY, old).extract().statusCode() == 200);
    }

    @Test
    void aTenantWithoutRetentionHasNothingDue() {
        as(Api.ACME_KEY).when().get("/v1/retention/report")
                .then().statusCode(200)
                .body("callsDue", org.hamcrest.Matchers.is(0))
                .body("retention", org.hamcrest.Matchers.nullValue());
    }

    private static String publish(EndedCall call) {
        kafka.publish(call.event());
        return call.callId();
    }
}
