package io.callbridge.infra.support;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for processes and managing the JVM shutdown hooks that stop them. */
public final class Processes {

    private Processes() {
    }

    /**
     * Waits until a process has exited.
     *
     * @param process the process, which need not be a child of this JVM
     * @param timeout how long to wait at most
     * @return whether it has exited
     */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }

    /**
     * Stops a process: asks politely, then kills it if it is still there after the grace period.
     *
     * @param process the process
     * @param grace how long it may take to stop cleanly
     */
    public static void stop(ProcessHandle process, Duration grace) {
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, grace);
        }
    }

    /**
     * Registers a JVM shutdown hook.
     *
     * @param name the hook thread's name
     * @param action what it does
     * @return the hook, for {@link #unregisterShutdownHook(Thread)}
     */
    public static Thread registerShutdownHook(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * Removes a hook registered by {@link #registerShutdownHook}; harmless while the JVM is shutting down, and when
     * called from the hook itself.
     *
     * @param hook the hook
     */
    public static void unregisterShutdownHook(Thread hook) {
        if (hook == Thread.currentThread()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook runs (or ran) anyway, and stopping twice is harmless.
        }
    }
}
