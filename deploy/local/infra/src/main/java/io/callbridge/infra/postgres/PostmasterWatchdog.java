package io.callbridge.infra.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A shell process that stops the postmaster once this JVM is gone. Its standard input is a pipe held by this JVM;
 * when the JVM dies, even by {@code kill -9}, the pipe reaches end-of-file and the shell sends the postmaster
 * SIGINT (PostgreSQL's fast shutdown).
 */
final class PostmasterWatchdog {

    /*
     * `read` is a shell builtin, so killing the shell leaves no helper behind. The pid is read from postmaster.pid at
     * the last moment: after a clean stop the file is gone and nothing gets signalled. INT and HUP are ignored so that
     * Ctrl-C in a terminal leaves the stopping to this JVM's shutdown hook.
     */
    private static final String SCRIPT = "trap '' INT HUP; read -r line; "
            + "pid=$(head -n 1 \"$1\" 2>/dev/null) && [ -n \"$pid\" ] && kill -INT \"$pid\"";

    private PostmasterWatchdog() {
    }

    static Process start(Path postmasterPidFile) {
        try {
            return new ProcessBuilder("sh", "-c", SCRIPT, "postgres-watchdog", postmasterPidFile.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the PostgreSQL watchdog (sh)", e);
        }
    }

    /** Sends SIGINT, which the JDK cannot: fast shutdown, unlike SIGTERM's smart shutdown that waits for clients. */
    static void interrupt(long pid) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -INT " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
