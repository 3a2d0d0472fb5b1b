package io.callbridge.dispatch.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.core.http.HttpMethod;
import io.callbridge.dispatch.request.CrmRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.callbridge.common.tenant.TenantId;
import io.callbridge.common.trace.TraceParent;
import io.callbridge.dispatch.delivery.network.AddressGuard;
import io.callbridge.dispatch.endpoint.DispatchConfig;
import io.callbridge.dispatch.delivery.network.RefusedAddressException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Calls CRM URLs, without blocking, on Quarkus' Vert.x. */
@ApplicationScoped
public class CrmClient {

    /** The Standard Webhooks name of the id a receiver drops repeats by. */
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String EVENT_ID = "X-Callbridge-Event-Id";

    private final WebClient client;
    private final AddressGuard guard;

    CrmClient(Vertx vertx, AddressGuard guard, DispatchConfig config) {
        this.guard = guard;
        // A redirect is not followed: it could lead to an address the CRM's own URL was not allowed to be.
        // Connections per CRM: as many as requests may be under way (Vert.x's default of 5 would queue the rest; each
        // endpoint's own limit is its concurrency).
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("callbridge-crm-dispatch")
                .setFollowRedirects(false)
                .setMaxPoolSize(config.worker().maxInFlight()));
    }

    /**
     * One request carrying the event id, to the address the {@link AddressGuard} resolved and checked for the tenant.
     *
     * @return the answer, or a {@link CrmAttemptException} when the address is refused or no answer came in time
     */
    Uni<CrmAnswer> send(CrmRequest request, CrmUrl url, UUID eventId, Duration timeout, TenantId tenant,
                        Optional<String> traceparent) {
        URI uri = URI.create(request.url());
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return guard.resolve(host, tenant)
                .chain(address -> {
                    HttpRequest<Buffer> http = client.requestAbs(HttpMethod.valueOf(request.method()), at(uri, address))
                            .putHeader(WEBHOOK_ID, eventId.toString())
                            .putHeader(EVENT_ID, eventId.toString())
                            .timeout(timeout.toMillis());
                    if (!host.equals(address.getHostAddress())) {
                        // The Host header and TLS's server name stay the CRM's; only the connection uses the address.
                        http.virtualHost(host);
                    }
                    traceparent.ifPresent(value -> http.putHeader(TraceParent.HEADER, value));
                    request.headers().forEach(http::putHeader);
                    return request.body().length == 0 ? http.send() : http.sendBuffer(Buffer.buffer(request.body()));
                })
                .map(response -> {
                    Buffer body = response.body();
                    return CrmAnswer.of(response.statusCode(), body == null ? new byte[0] : body.getBytes(),
                            response.getHeader(HttpHeaders.RETRY_AFTER.toString()));
                })
                .onFailure().transform(failure -> new CrmAttemptException(failure instanceof RefusedAddressException
                        ? "refused: " + failure.getMessage() : url.describe(failure)));
    }

    /** The URL with the checked address in place of its host. */
    private static String at(URI uri, InetAddress address) {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
