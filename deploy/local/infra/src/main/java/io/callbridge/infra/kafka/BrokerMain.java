package io.callbridge.infra.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the broker's child JVM: formats the KRaft log directory on first use, then runs
 * {@code kafka.Kafka}. It exits as soon as its standard input reaches end-of-file, which happens when the parent
 * JVM closes the pipe or dies in any way, including {@code kill -9}.
 * <p>
 * This class is copied on its own onto the child's classpath, so it must stay a single class file (no nested or
 * anonymous classes) and reach Kafka only through reflection.
 * <p>
 * Arguments: {@code <server.properties> <log directory>}.
 */
public final class BrokerMain {

    /** Kafka's shutdown hook gets this long to stop the broker before the JVM is halted. */
    private static final long HALT_AFTER_SECONDS = 30;

    private BrokerMain() {
    }

    /**
     * Formats the log directory if needed and runs the broker until the JVM exits.
     *
     * @param args the {@code server.properties} file and the log directory named in it
     * @throws Exception when formatting or starting fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: BrokerMain <server.properties> <log directory>");
        }
        Path serverProperties = Path.of(args[0]);
        Path logDirectory = Path.of(args[1]);

        Thread lifeline = new Thread(BrokerMain::exitWhenParentIsGone, "parent-lifeline");
        lifeline.setDaemon(true);
        lifeline.start();

        if (Files.notExists(logDirectory.resolve("meta.properties"))) {
            format(serverProperties);
        }
        invokeStatic("kafka.Kafka", "main", new Class<?>[] {String[].class},
                (Object) new String[] {serverProperties.toString()});
    }

    private static void exitWhenParentIsGone() {
        byte[] buffer = new byte[64];
        try {
            while (System.in.read(buffer) != -1) {
                // The parent never writes; it only keeps the pipe open while it lives.
            }
        } catch (IOException closed) {
            // Same meaning as end-of-file.
        }
        CompletableFuture.delayedExecutor(HALT_AFTER_SECONDS, TimeUnit.SECONDS)
                .execute(() -> Runtime.getRuntime().halt(1));
        System.exit(0);
    }

    private static void format(Path serverProperties) throws Exception {
        String clusterId = invokeStatic("org.apache.kafka.common.Uuid", "randomUuid", new Class<?>[0]).toString();
        String[] formatArgs = {"format", "--cluster-id", clusterId, "--config", serverProperties.toString()};
        Object exitCode = invokeStatic("kafka.tools.StorageTool", "execute",
                new Class<?>[] {String[].class, PrintStream.class}, formatArgs, System.out);
        if (!Integer.valueOf(0).equals(exitCode)) {
            throw new IllegalStateException("kafka-storage format exited with " + exitCode);
        }
    }

    private static Object invokeStatic(String className, String methodName, Class<?>[] types, Object... args)
            throws Exception {
        Method method = Class.forName(className).getMethod(methodName, types);
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
