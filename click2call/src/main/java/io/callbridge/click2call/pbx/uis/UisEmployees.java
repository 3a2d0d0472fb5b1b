package io.callbridge.click2call.pbx.uis;

import io.callbridge.click2call.pbx.PbxReplies;
import io.callbridge.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes a UIS employee through the Data API: JSON-RPC {@code update.employees} with {@code calls_available}, as
 * document 003 does when the CRM reports an agent's new status. The JSON-RPC {@code id} is a fresh counter value;
 * the document writes it as {@code "number"}, a placeholder.
 */
@Singleton
public class UisEmployees {

    private final UisConfig config;
    private final WebClient client;
    private final AtomicLong ids = new AtomicLong();

    public UisEmployees(Vertx vertx, UisConfig config) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("callbridge-click2call"));
    }

    /** Whether the tenant has a UIS account whose employees this can change. */
    public boolean serves(String tenant) {
        return config.tenants().containsKey(tenant);
    }

    /**
     * @throws ProblemException 502 (as the failed Uni) when UIS refuses, fails or does not answer in time
     */
    public Uni<Void> setCallsAvailable(String tenant, long employeeId, boolean callsAvailable) {
        JsonObject request = new JsonObject()
                .put("jsonrpc", "2.0")
                .put("id", ids.incrementAndGet())
                .put("method", "update.employees")
                .put("params", new JsonObject()
                        .put("access_token", config.tenants().get(tenant).accessToken())
                        .put("id", employeeId)
                        .put("calls_available", callsAvailable));
        return JsonRpc.send(client, config.dataApiUrl(), request, config.timeout())
                .onFailure().transform(failure -> PbxReplies.badGateway(PbxReplies.unanswered(failure, config.timeout()).reason()))
                .invoke(UisEmployees::requireResult)
                .replaceWithVoid();
    }

    private static void requireResult(HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            throw PbxReplies.badGateway(PbxReplies.httpError(response).reason());
        }
        JsonObject reply;
        try {
            reply = response.bodyAsJsonObject();
        } catch (DecodeException | ClassCastException e) {
            reply = null;
        }
        if (reply == null || !reply.containsKey("result")) {
            JsonObject error = reply == null ? null : reply.getJsonObject("error");
            throw PbxReplies.badGateway("UIS refused update.employees" + PbxReplies.excerpt(error == null
                    ? PbxReplies.body(response) : error.getValue("code") + " " + error.getString("message")));
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
