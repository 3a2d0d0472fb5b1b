package io.callbridge.index.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call's {@code recordings} column (migration V5) is its recordings as the recording table has them: filled for the
 * recordings indexed before the upgrade, then after every statement that adds, changes or removes one. Run in a schema
 * of its own, so the service's tables are not touched.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CallRecordingsColumnTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final String schema = "recordings_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void theUpgradeCarriesTheRecordingsIndexedBeforeIt() throws Exception {
        migrate("4");
        try (Connection connection = connect()) {
            execute(connection, """
                    INSERT INTO call (tenant, call_id, source_system, source_instance, first_event_at, last_event_at)
                    VALUES ('acme', 'two', 'CONVOX', 'pbx', now(), now()), ('acme', 'none', 'CONVOX', 'pbx', now(), now()),
                           ('globex', 'two', 'CONVOX', 'pbx', now(), now())""");
            execute(connection, """
                    INSERT INTO recording (id, tenant, call_id, location, file_name, deletion_protected, protected_on_request)
                    VALUES (12, 'acme', 'two', '/rec/b.wav', 'b.wav', true, false),
                           (11, 'acme', 'two', '/rec/a.wav', 'a.wav', null, true),
                           (13, 'globex', 'two', '/rec/g.wav', null, false, false)""");

            migrate("latest");

            assertThat(recordings(connection, "acme", "two")).isEqualTo(JSON.readTree("""
                    [{"id": 11, "location": "/rec/a.wav", "fileName": "a.wav", "deletionProtected": null,
                      "protectedOnRequest": true},
                     {"id": 12, "location": "/rec/b.wav", "fileName": "b.wav", "deletionProtected": true,
                      "protectedOnRequest": false}]"""));
            assertThat(recordings(connection, "globex", "two")).isEqualTo(JSON.readTree("""
                    [{"id": 13, "location": "/rec/g.wav", "fileName": null, "deletionProtected": false,
                      "protectedOnRequest": false}]"""));
            assertThat(recordings(connection, "acme", "none")).isNull();
        }
    }

    @Test
    void everyStatementOnRecordingsIsFollowedOnTheirCall() throws Exception {
        migrate("latest");
        try (Connection connection = connect()) {
            execute(connection, """
                    INSERT INTO call (tenant, call_id, source_system, source_instance, first_event_at, last_event_at)
                    VALUES ('acme', 'c1', 'CONVOX', 'pbx', now(), now()), ('acme', 'c2', 'CONVOX', 'pbx', now(), now())""");
            // one statement for two calls, as a batch of the consumer writes them
            execute(connection, """
                    INSERT INTO recording (id, tenant, call_id, location, file_name)
                    VALUES (1, 'acme', 'c1', '/rec/1.wav', '1.wav'), (2, 'acme', 'c2', '/rec/2.wav', '2.wav'),
                           (3, 'acme', 'c1', '/rec/3.wav', null)""");
            assertThat(locations(connection, "c1")).isEqualTo("[\"/rec/1.wav\", \"/rec/3.wav\"]");
            assertThat(locations(connection, "c2")).isEqualTo("[\"/rec/2.wav\"]");

            execute(connection, "UPDATE recording SET protected_on_request = true, file_name = '3.wav' WHERE id = 3");
            assertThat(recordings(connection, "acme", "c1").get(1)).isEqualTo(JSON.readTree("""
                    {"id": 3, "location": "/rec/3.wav", "fileName": "3.wav", "deletionProtected": null,
                     "protectedOnRequest": true}"""));

            execute(connection, "DELETE FROM recording WHERE id = 1");
            assertThat(locations(connection, "c1")).isEqualTo("[\"/rec/3.wav\"]");
            execute(connection, "DELETE FROM recording WHERE id = 3");
            assertThat(recordings(connection, "acme", "c1")).isNull();
            assertThat(locations(connection, "c2")).isEqualTo("[\"/rec/2.wav\"]");

            // a call deleted takes its recordings along (the foreign key's cascade), its trigger included
            execute(connection, "DELETE FROM call WHERE call_id = 'c2'");
            assertThat(count(connection, "SELECT count(*) FROM recording")).isZero();
        }
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(url, username, password).schemas(schema)
                .locations("filesystem:src/main/resources/db/migration").target(target).load().migrate();
    }

    private Connection connect() throws Exception {
        Connection connection = DriverManager.getConnection(url, username, password);
        execute(connection, "SET search_path TO " + schema);
        return connection;
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static JsonNode recordings(Connection connection, String tenant, String callId) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT recordings::text FROM call WHERE tenant = '" + tenant
                     + "' AND call_id = '" + callId + "'")) {
            assertThat(rows.next()).as("call %s/%s", tenant, callId).isTrue();
            String text = rows.getString(1);
            return text == null ? null : JSON.readTree(text);
        }
    }

    private static String locations(Connection connection, String callId) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT jsonb_path_query_array(recordings, '$[*].location')::text"
                     + " FROM call WHERE tenant = 'acme' AND call_id = '" + callId + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
