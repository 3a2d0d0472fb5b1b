package io.callbridge.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits for a service's SmallRye Health readiness probe to answer UP. */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * @throws IllegalStateException when the process died or the deadline passed; the message says which
     */
    void await(ServiceProcess process, URI readyUri, Instant deadline) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(readyUri).timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.service().module() + " exited during startup; see "
                        + process.log());
            }
            if (isUp(request)) {
                return;
            }
            // A launcher thread, not an event loop: polling at a fixed pace is what it is for.
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(process.service().module() + " was not ready in time; see " + process.log());
    }

    private boolean isUp(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }
}
