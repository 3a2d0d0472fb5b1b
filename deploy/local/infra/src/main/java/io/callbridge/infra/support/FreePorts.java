package io.callbridge.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports that are free on the loopback interface. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a port that nothing listens on right now. Another process may still take it before the caller binds
     * it, so callers should fail clearly when the bind fails.
     *
     * @return a free port on 127.0.0.1
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }

    /**
     * Returns the given port, or a free one for 0.
     *
     * @param port a port the caller wants, or 0
     * @param user what will listen on it, for the error message
     * @return the port to use
     * @throws IllegalStateException when the given port is taken: servers that find it taken fail only after their
     *         startup timeout (PostgreSQL) or with a stack trace (Kafka)
     */
    public static int resolve(int port, String user) {
        if (port == 0) {
            return pick();
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + user + " is already in use on 127.0.0.1", e);
        }
    }
}
