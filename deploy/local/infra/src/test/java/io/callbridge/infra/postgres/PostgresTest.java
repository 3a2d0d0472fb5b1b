package io.callbridge.infra.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callbridge.infra.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

class PostgresTest {

    @Test
    void createsADatabaseAnswersQueriesAndLeavesNothingBehind() throws Exception {
        Postgres postgres = Postgres.start(Postgres.Options.defaults());
        Path directory = postgres.directory();
        List<ProcessHandle> serverProcesses;
        try {
            postgres.createDatabaseIfMissing("smoke");
            postgres.createDatabaseIfMissing("smoke");

            assertEquals("smoke", queryString(postgres, "smoke", "SELECT current_database()"));
            assertEquals("UTF8", queryString(postgres, "smoke", "SHOW server_encoding"));
            // A commit is on disk before it is acknowledged, so a service's 2xx means durable here too.
            assertEquals("on", queryString(postgres, "smoke", "SHOW synchronous_commit"));
            assertEquals("on", queryString(postgres, "smoke", "SHOW fsync"));
            assertEquals("postgresql://localhost:" + postgres.port() + "/smoke", postgres.reactiveUrl("smoke"));
            serverProcesses = serverProcesses(postgres);
            assertTrue(serverProcesses.size() > 1, "postmaster and its workers: " + serverProcesses);
        } finally {
            postgres.close();
        }

        assertTrue(serverProcesses.stream().noneMatch(ProcessHandle::isAlive), "server processes still running");
        assertEquals(List.of(), processesMentioning(directory));
        assertFalse(Files.exists(directory), "temporary directory left behind");
    }

    @Test
    void keepsTheDataOfAGivenDirectoryAcrossRestarts(@TempDir Path directory) throws Exception {
        Postgres.Options options = Postgres.Options.defaults().withPort(FreePorts.pick()).withDataDirectory(directory);

        try (Postgres first = Postgres.start(options)) {
            first.createDatabaseIfMissing("kept");
            execute(first, "kept", "CREATE TABLE call (id int PRIMARY KEY, state text)");
            execute(first, "kept", "INSERT INTO call VALUES (1, 'answered')");
        }
        try (Postgres second = Postgres.start(options)) {
            assertEquals(options.port(), second.port());
            assertEquals("answered", queryString(second, "kept", "SELECT state FROM call WHERE id = 1"));
        }

        assertTrue(Files.exists(directory.resolve("pgdata").resolve("PG_VERSION")), "cluster deleted");
        assertEquals(List.of(), processesMentioning(directory));
    }

    private static List<ProcessHandle> serverProcesses(Postgres postgres) {
        ProcessHandle postmaster = ProcessHandle.of(postgres.pid()).orElseThrow();
        return Stream.concat(Stream.of(postmaster), postmaster.descendants()).collect(Collectors.toList());
    }

    private static List<String> processesMentioning(Path directory) {
        String path = directory.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(line -> line.contains(path)).isPresent())
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .collect(Collectors.toList());
    }

    @Test
    void takesServerSettingsButNeverGivesUpDurability() throws Exception {
        try (Postgres postgres = Postgres.start(Postgres.Options.defaults()
                .withSetting("shared_buffers", "48MB")
                .withSetting("fsync", "off")
                .withSetting("synchronous_commit", "off"))) {
            postgres.createDatabaseIfMissing("tuned");
            assertEquals("48MB", queryString(postgres, "tuned", "SHOW shared_buffers"));
            assertEquals("on", queryString(postgres, "tuned", "SHOW fsync"));
            assertEquals("on", queryString(postgres, "tuned", "SHOW synchronous_commit"));
        }
    }

    private static String queryString(Postgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = connect(postgres, database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next(), "no row from " + sql);
            return row.getString(1);
        }
    }

    private static void execute(Postgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = connect(postgres, database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(Postgres postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }
}
