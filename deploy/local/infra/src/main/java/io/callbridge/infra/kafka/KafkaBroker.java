package io.callbridge.infra.kafka;

import io.callbridge.infra.support.FreePorts;
import io.callbridge.infra.support.LocalFiles;
import io.callbridge.infra.support.Processes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real Kafka broker (Apache Kafka, KRaft mode, one node acting as broker and controller) running in a child JVM
 * on its own classpath, listening on 127.0.0.1.
 * <p>
 * The child stops when {@link #close()} is called, when this JVM shuts down (a shutdown hook), and also when this
 * JVM dies without running its hooks ({@code kill -9}, a halted surefire fork): it watches the pipe on its standard
 * input and exits when the pipe closes.
 * <p>
 * The child's standard output and error go to {@link #logFile()}, not to the console.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Options.defaults())) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String STARTED_LINE = "Kafka Server started";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    /** Tuned for a fast start in tests (C1 only, serial GC): a benchmark or the local stack under load sets its own. */
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
    /** Replaces {@link #JVM_OPTIONS} (space separated), e.g. {@code -Xms512m -Xmx512m -XX:+UseG1GC} for benchmarks. */
    public static final String JVM_OPTIONS_PROPERTY = "callbridge.infra.kafka-jvm-options";

    private final Process process;
    private final int port;
    private final Path directory;
    private final boolean temporary;
    private final Path logFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private KafkaBroker(Process process, int port, Path directory, boolean temporary, Path logFile) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.temporary = temporary;
        this.logFile = logFile;
        this.shutdownHook = Processes.registerShutdownHook("kafka-broker-" + port + "-stopper", this::close);
    }

    /**
     * Starts a broker and returns once it accepts clients.
     *
     * @param options port, data directory and startup timeout
     * @return the running broker
     * @throws IllegalStateException when the broker does not start in time or its process exits; the message
     *         holds the end of its log
     * @throws UncheckedIOException when its files or process cannot be created
     */
    public static KafkaBroker start(Options options) {
        Objects.requireNonNull(options, "options");
        int port = FreePorts.resolve(options.port(), "the Kafka broker");
        boolean temporary = options.dataDirectory() == null;
        Path directory = temporary
                ? LocalFiles.createTempDirectory("callbridge-kafka-")
                : LocalFiles.createDirectories(options.dataDirectory());
        Path logFile = directory.resolve("broker.log");
        Process process;
        try {
            process = launch(directory, port, logFile);
        } catch (RuntimeException e) {
            if (temporary) {
                LocalFiles.deleteRecursively(directory);
            }
            throw e;
        }
        KafkaBroker broker = new KafkaBroker(process, port, directory, temporary, logFile);
        try {
            broker.awaitReady(options.startupTimeout());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static Process launch(Path directory, int port, Path logFile) {
        Path serverProperties = directory.resolve("server.properties");
        Path log4jConfig = directory.resolve("log4j2.properties");
        Path logDirectory = directory.resolve("kraft-logs");
        BrokerFiles.writeServerProperties(serverProperties, port, FreePorts.pick(), logDirectory);
        BrokerFiles.writeLog4jConfig(log4jConfig);

        List<String> classpath = new ArrayList<>();
        classpath.add(BrokerFiles.installLauncher(directory).toString());
        classpath.addAll(BrokerFiles.brokerClasspath());

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("-Dlog4j2.configurationFile=" + log4jConfig);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(BrokerMain.class.getName());
        command.add(serverProperties.toString());
        command.add(logDirectory.toString());
        try {
            // Standard input stays a pipe held by this JVM: that pipe is the child's lifeline.
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Kafka broker JVM " + command, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(LocalFiles.contains(logFile, STARTED_LINE) && acceptsConnections())) {
            if (!process.isAlive()) {
                throw startupFailure("exited with code " + process.exitValue());
            }
            if (System.nanoTime() - deadline > 0) {
                throw startupFailure("did not start within " + timeout.toSeconds() + " s");
            }
            // Waits for the poll interval, but wakes up at once if the child dies.
            Processes.awaitExit(process.toHandle(), POLL_INTERVAL);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) POLL_INTERVAL.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private IllegalStateException startupFailure(String what) {
        return new IllegalStateException("Kafka broker on port " + port + " (pid " + process.pid() + ") " + what
                + "; last lines of " + logFile + ":" + System.lineSeparator() + LocalFiles.tail(logFile, LOG_TAIL_LINES));
    }

    /**
     * Where clients connect.
     *
     * @return {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}
     */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * The port of the client listener.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The process id of the broker's JVM.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The directory holding the broker's configuration, data ({@code kraft-logs}) and log file.
     *
     * @return the directory; a temporary one is deleted by {@link #close()}
     */
    public Path directory() {
        return directory;
    }

    /**
     * The file receiving the broker's standard output and error, rewritten at each start.
     *
     * @return the log file
     */
    public Path logFile() {
        return logFile;
    }

    /**
     * Stops the broker: a clean shutdown, forced after 10 seconds. Deletes the data directory if it was a temporary
     * one. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Processes.unregisterShutdownHook(shutdownHook);
        Processes.stop(process.toHandle(), STOP_GRACE);
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // Nothing left to release.
        }
        if (temporary) {
            LocalFiles.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + process.pid() + ", " + directory + "]";
    }

    /**
     * How to start a broker.
     *
     * @param port the client port, or 0 for a free one
     * @param dataDirectory where configuration, data and log live, kept after {@link KafkaBroker#close()} so a
     *        later start reuses the data; or {@code null} for a fresh temporary directory deleted on close
     * @param startupTimeout how long {@link KafkaBroker#start(Options)} waits for the broker
     */
    private static List<String> jvmOptions() {
        String configured = System.getProperty(JVM_OPTIONS_PROPERTY, "").trim();
        return configured.isEmpty() ? JVM_OPTIONS : List.of(configured.split("\\s+"));
    }

    public record Options(int port, Path dataDirectory, Duration startupTimeout) {

        /** Checks the values. */
        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (free port) or 1-65535: " + port);
            }
            Objects.requireNonNull(startupTimeout, "startupTimeout");
        }

        /**
         * A free port, a temporary directory and a 90 second startup timeout.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(0, null, Duration.ofSeconds(90));
        }

        /**
         * Same options with another port.
         *
         * @param newPort the client port, or 0 for a free one
         * @return the new options
         */
        public Options withPort(int newPort) {
            return new Options(newPort, dataDirectory, startupTimeout);
        }

        /**
         * Same options with another data directory.
         *
         * @param newDataDirectory a directory kept between runs, or {@code null} for a temporary one
         * @return the new options
         */
        public Options withDataDirectory(Path newDataDirectory) {
            return new Options(port, newDataDirectory, startupTimeout);
        }

        /**
         * Same options with another startup timeout.
         *
         * @param newStartupTimeout how long to wait for the broker
         * @return the new options
         */
        public Options withStartupTimeout(Duration newStartupTimeout) {
            return new Options(port, dataDirectory, newStartupTimeout);
        }
    }
}
