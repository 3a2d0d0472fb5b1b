package io.callbridge.dispatch.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/** Calls CRM URLs, without blocking, on Quarkus' Vert.x. */
@ApplicationScoped
public class CrmClient {

    /** The Standard Webhooks name of the id a receiver drops repeats by. */
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String EVENT_ID = "X-Callbridge-Event-Id";

    private final WebClient client;

    CrmClient(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("callbridge-crm-dispatch"));
    }

    /**
     * One GET carrying the event id; the body of the answer is discarded.
     *
     * @return the answer's status, or a {@link CrmAttemptException} when no answer came within the timeout
     */
    Uni<Integer> get(CrmUrl url, UUID eventId, Duration timeout) {
        return client.getAbs(url.value())
                .putHeader(WEBHOOK_ID, eventId.toString())
                .putHeader(EVENT_ID, eventId.toString())
                .timeout(timeout.toMillis())
                .as(BodyCodec.none())
                .send()
                .map(HttpResponse::statusCode)
                .onFailure().transform(failure -> new CrmAttemptException(url.describe(failure)));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
