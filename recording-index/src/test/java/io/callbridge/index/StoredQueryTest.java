package io.callbridge.index;

import io.callbridge.index.testing.CallEvents;
import io.callbridge.index.testing.EndedCall;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored query of V3: a CRM's own login role, member of recording_index_reader, reads its tenant's rows only. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StoredQueryTest {

    private static final String CRM_ROLE = "crm_acme_reader";

    private static TestKafka kafka;

    @BeforeAll
    static void connect() throws SQLException {
        kafka = new TestKafka();
        try (Connection admin = admin(); Statement sql = admin.createStatement()) {
            sql.execute("DROP ROLE IF EXISTS " + CRM_ROLE);
            sql.execute("CREATE ROLE " + CRM_ROLE + " LOGIN PASSWORD 'crm' IN ROLE recording_index_reader");
            sql.execute("INSERT INTO stored_query_reader (role_name, tenant) VALUES ('" + CRM_ROLE + "', 'acme')"
                    + " ON CONFLICT (role_name) DO NOTHING");
        }
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theReaderFindsItsTenantsRecordingsByParameters() throws SQLException {
        String extension = EndedCall.uniqueExtension();
        String acmeCall = EndedCall.of().extension(extension).startedAt("2024-04-01T08:00:00Z")
                .recording("/rec/" + extension + "/acme.wav").indexedThrough(kafka).callId();
        EndedCall.of().tenant(CallEvents.GLOBEX).extension(extension).startedAt("2024-04-01T08:00:00Z")
                .recording("/rec/" + extension + "/globex.wav").indexedThrough(kafka);
        EndedCall.of().extension(extension).startedAt("2024-04-01T09:00:00Z").indexedThrough(kafka);

        List<String> found = new ArrayList<>();
        try (Connection crm = asCrm(); PreparedStatement query = crm.prepareStatement("""
                SELECT call_id, recording_location FROM recording_record
                WHERE extension = ? AND call_time BETWEEN ?::timestamptz AND ?::timestamptz
                ORDER BY call_time DESC""")) {
            query.setString(1, extension);
            query.setString(2, "2024-04-01T07:00:00Z");
            query.setString(3, "2024-04-01T10:00:00Z");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }

        assertThat(found).containsExactly(acmeCall + " /rec/" + extension + "/acme.wav");
    }

    @Test
    void theReaderMayNeitherReadTheTablesNorWrite() throws SQLException {
        try (Connection crm = asCrm(); Statement sql = crm.createStatement()) {
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM call"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM stored_query_reader"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM call"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            // The view is not updatable at all; it would be refused for want of the right anyway.
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM recording_record"))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static Connection admin() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static Connection asCrm() throws SQLException {
        return DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), CRM_ROLE, "crm");
    }
}
