package io.callbridge.dispatch.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.kafka.EventJson;
import io.callbridge.dispatch.testing.DispatchTest;
import io.callbridge.dispatch.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outbox written by the schema before V5 (each delivery with its event inline), upgraded: no delivery loses its
 * event, each event is kept once, and the attempts stay. Run in a schema of its own, so the service's tables are not
 * touched.
 */
@QuarkusTest
class OutboxUpgradeTest extends DispatchTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void anUpgradeKeepsEveryDeliverysEventOnceAndItsAttempts() throws Exception {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        CallEvent offered = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);
        CallEvent ended = TestEvents.event(offered.callId(), CallEventKind.CALL_ENDED);
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            migrate(schema, "4");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + schema);
                statement.execute("INSERT INTO endpoint (name) VALUES ('crm'), ('other')");
            }
            long first = delivery(connection, offered, "crm", "DELIVERED");
            delivery(connection, offered, "other", "PENDING");
            delivery(connection, ended, "crm", "PENDING");
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, status, outcome,
                                                      response)
                        VALUES (%d, 1, now(), 12, 200, 'HTTP 200', '{"success":true}')""".formatted(first));
            }

            migrate(schema, "latest");

            Map<String, JsonNode> events = new HashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("""
                         SELECT d.endpoint, d.kind, e.event::text AS event FROM delivery d
                         JOIN delivery_event e ON e.event_id = d.event_id ORDER BY d.id""")) {
                while (rows.next()) {
                    events.put(rows.getString("endpoint") + " " + rows.getString("kind"),
                            EventJson.MAPPER.readTree(rows.getString("event")));
                }
            }
            assertThat(events).containsOnlyKeys("crm CALL_OFFERED", "other CALL_OFFERED", "crm CALL_ENDED");
            assertThat(events.get("crm CALL_OFFERED")).isEqualTo(json(offered));
            assertThat(events.get("other CALL_OFFERED")).isEqualTo(json(offered));
            assertThat(events.get("crm CALL_ENDED")).isEqualTo(json(ended));
            assertThat(EventJson.MAPPER.treeToValue(events.get("crm CALL_ENDED"), CallEvent.class)).isEqualTo(ended);
            assertThat(count(connection, "SELECT count(*) FROM delivery_event")).isEqualTo(2);
            assertThat(count(connection, """
                    SELECT count(*) FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'delivery' AND column_name = 'event'"""))
                    .isZero();
            assertThat(count(connection, "SELECT count(*) FROM delivery_attempt WHERE delivery_id = " + first
                    + " AND status = 200 AND response = '{\"success\":true}'")).isEqualTo(1);
        } finally {
            try (Connection connection = DriverManager.getConnection(url, username, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void migrate(String schema, String target) {
        Flyway.configure().dataSource(url, username, password).schemas(schema)
                .locations("filesystem:src/main/resources/db/migration").target(target).load().migrate();
    }

    /** A delivery as the schema before V5 stored it, its event inline. */
    private static long delivery(Connection connection, CallEvent event, String endpoint, String state)
            throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO delivery (event_id, endpoint, tenant, call_id, kind, event, state, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, now()) RETURNING id""")) {
            statement.setObject(1, event.eventId());
            statement.setString(2, endpoint);
            statement.setString(3, event.tenant().value());
            statement.setString(4, event.callId());
            statement.setString(5, event.kind().name());
            statement.setString(6, EventJson.MAPPER.writeValueAsString(event));
            statement.setString(7, state);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static JsonNode json(CallEvent event) {
        return EventJson.MAPPER.valueToTree(event);
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
