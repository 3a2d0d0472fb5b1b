package io.callbridge.click2call.pbx.convox;

import io.callbridge.click2call.pbx.PbxReplies;
import io.callbridge.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.ZoneId;
import java.util.LinkedHashMap;

/** ConVox's end call / disposition API, {@code callcontrol_api.php}, called as document 001's GET sample. */
@Singleton
public class ConvoxCallControl {

    private final ConvoxConfig config;
    private final WebClient client;

    public ConvoxCallControl(Vertx vertx, ConvoxConfig config) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("callbridge-click2call"));
    }

    /** Whether the tenant's ConVox server takes dispositions. */
    public boolean serves(String tenant) {
        ConvoxConfig.Server server = config.tenants().get(tenant);
        return server != null && server.callcontrolUrl().isPresent();
    }

    /** The zone of the tenant's ConVox server. */
    public ZoneId zoneOf(String tenant) {
        return config.tenants().get(tenant).zone();
    }

    /**
     * Sends the parameters, in their order, as the query of a GET.
     *
     * @return fails with a 502 {@link ProblemException} naming ConVox's reason when it refuses, fails or is silent
     */
    public Uni<Void> send(String tenant, LinkedHashMap<String, String> parameters) {
        HttpRequest<Buffer> request = client.getAbs(config.tenants().get(tenant).callcontrolUrl().orElseThrow())
                .timeout(config.timeout().toMillis());
        parameters.forEach(request::addQueryParam);
        return request.send()
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(failure -> PbxReplies.badGateway(PbxReplies.unanswered(failure, config.timeout()).reason()))
                .invoke(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw PbxReplies.badGateway(PbxReplies.httpError(response).reason());
                    }
                })
                .replaceWithVoid();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
