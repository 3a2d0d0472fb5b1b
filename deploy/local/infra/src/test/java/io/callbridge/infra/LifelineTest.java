package io.callbridge.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.callbridge.infra.support.LocalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Kafka and PostgreSQL must not outlive a JVM killed with SIGKILL, which runs no shutdown hook. */
class LifelineTest {

    @Test
    void brokerAndDatabaseStopWhenTheirJvmIsKilled(@TempDir Path directory) throws Exception {
        Path probeLog = directory.resolve("probe.log");
        Path probeTmp = Files.createDirectories(directory.resolve("tmp"));
        Process probe = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A killed JVM cannot delete its temporary files: keep them in the test's own directory,
                "-Djava.io.tmpdir=" + probeTmp,
                // but share the PostgreSQL binaries already extracted for this JVM.
                "-Dot.epg.working-dir=" + Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                LifelineProbe.class.getName(),
                directory.resolve("kafka").toString(),
                directory.resolve("postgres").toString())
                .redirectError(probeLog.toFile())
                .start();
        Map<String, Long> pids;
        try {
            pids = CompletableFuture.supplyAsync(() -> readPids(probe)).get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            probe.destroyForcibly();
            throw new AssertionError("Probe did not report ready; its stderr:\n" + LocalFiles.tail(probeLog, 60), e);
        }
        ProcessHandle kafka = ProcessHandle.of(pids.get("kafka")).orElseThrow();
        ProcessHandle postgres = ProcessHandle.of(pids.get("postgres")).orElseThrow();

        probe.destroyForcibly();
        assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "probe JVM survived SIGKILL");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    assertFalse(kafka.isAlive(), "Kafka broker " + kafka.pid() + " still running");
                    assertFalse(postgres.isAlive(), "postmaster " + postgres.pid() + " still running");
                });
    }

    private static Map<String, Long> readPids(Process probe) {
        Map<String, Long> pids = new HashMap<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(LifelineProbe.READY)) {
                    return pids;
                }
                String[] pid = line.split("=", 2);
                if (pid.length == 2) {
                    pids.put(pid[0], Long.parseLong(pid[1]));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return fail("Probe exited before reporting ready, exit code " + probe.exitValue());
    }
}
