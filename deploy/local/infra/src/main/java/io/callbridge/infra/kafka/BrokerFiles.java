package io.callbridge.infra.kafka;

import io.callbridge.infra.support.LocalFiles;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes what the broker's child JVM needs: its configuration, logging setup and launcher class. */
final class BrokerFiles {

    /** Written at build time by maven-dependency-plugin:build-classpath, in the platform's path format. */
    private static final String CLASSPATH_RESOURCE = "broker.classpath";

    private BrokerFiles() {
    }

    /** The jars of Kafka and its dependencies, as resolved when this module was built. */
    static List<String> brokerClasspath() {
        String classpath;
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing next to " + KafkaBroker.class
                        + ": build local-infra with Maven, which generates it");
            }
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CLASSPATH_RESOURCE, e);
        }
        List<String> entries = new ArrayList<>(List.of(classpath.split(File.pathSeparator)));
        for (String entry : entries) {
            if (Files.notExists(Path.of(entry))) {
                throw new IllegalStateException("Kafka broker jar " + entry + " is missing: rebuild local-infra"
                        + " (mvn install) so that " + CLASSPATH_RESOURCE + " matches this machine's Maven repository");
            }
        }
        return entries;
    }

    /**
     * Copies {@link BrokerMain} into {@code <directory>/launcher}, which then goes on the child's classpath: this
     * works whatever class loader or packaging (jar, classes directory, Quarkus test class loader) this code runs in.
     */
    static Path installLauncher(Path directory) {
        Path root = directory.resolve("launcher");
        String classFile = BrokerMain.class.getName().replace('.', '/') + ".class";
        Path target = root.resolve(classFile);
        try (InputStream in = BrokerMain.class.getResourceAsStream("/" + classFile)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + classFile + " as a resource");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + classFile + " to " + root, e);
        }
        return root;
    }

    /** A single node acting as broker and controller, listening on 127.0.0.1 only, sized for tests. */
    static void writeServerProperties(Path file, int port, int controllerPort, Path logDirectory) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDirectory.toString());
        config.put("num.partitions", "3");
        config.put("auto.create.topics.enable", "true");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("offsets.topic.replication.factor", "1");
        // The defaults (50 partitions each) make the first consumer group or transaction take seconds.
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "2");
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        LocalFiles.write(file, config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
    }

    /**
     * Warnings and errors only, plus the line that says the broker is up, which {@link KafkaBroker} waits for.
     * Without a configuration file log4j2 would print errors only, and without the slf4j binding nothing at all.
     */
    static void writeLog4jConfig(Path file) {
        LocalFiles.write(file, String.join("\n",
                "status = warn",
                // Kafka logs while its own shutdown hook runs; log4j must not shut down in parallel.
                "shutdownHook = disable",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.out.ref = out",
                "logger.started.name = kafka.server.KafkaRaftServer",
                "logger.started.level = info",
                ""));
    }
}
