package io.callbridge.dispatch.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@code @QuarkusTest} of the service stands on: the real Kafka broker, the real PostgreSQL and the CRM
 * stub (the same resources for every class, so Quarkus starts once), a producer on the call events topic, what the
 * stub received and what the outbox holds.
 */
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(CrmStub.class)
public abstract class DispatchTest {

    protected static CallEventsTopic topic;

    @InjectCrmStub
    protected WireMockServer crm;

    @Inject
    protected Pool pool;

    protected CrmRequests requests;
    protected OutboxRows outbox;

    @BeforeAll
    static void connectToCallEvents() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void disconnectFromCallEvents() {
        topic.close();
    }

    @BeforeEach
    void readStubAndOutbox() {
        requests = new CrmRequests(crm);
        outbox = new OutboxRows(pool);
    }
}
