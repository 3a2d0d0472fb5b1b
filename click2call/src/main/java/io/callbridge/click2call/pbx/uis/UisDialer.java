package io.callbridge.click2call.pbx.uis;

import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.click2call.pbx.PbxDialer;
import io.callbridge.click2call.pbx.PbxReplies;
import io.callbridge.common.dial.DialRequest;
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
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Dials through the UIS Call API: JSON-RPC {@code start.employee_call} with exactly the document's parameters. The
 * agent is the UIS employee id the tenant maps the CRM's agent to. The JSON-RPC {@code id} is our request id, so a
 * reply can be told from another; the document writes it as {@code "number"}, a placeholder.
 */
@Singleton
public class UisDialer implements PbxDialer {

    public static final String KIND = "uis";

    private static final Logger LOG = Logger.getLogger(UisDialer.class);

    private final UisConfig config;
    private final WebClient client;

    public UisDialer(Vertx vertx, UisConfig config) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("callbridge-click2call"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean serves(String tenant) {
        return config.tenants().containsKey(tenant);
    }

    @Override
    public Duration longestCall() {
        return config.timeout();
    }

    @Override
    public Uni<DialOutcome> dial(PbxCall call) {
        UisConfig.Account account = config.tenants().get(call.request().tenant().value());
        long employeeId;
        try {
            employeeId = Long.parseLong(call.pbxAgent());
        } catch (NumberFormatException e) {
            return Uni.createFrom().item(DialOutcome.failed("Agent " + call.request().agent()
                    + " is mapped to '" + call.pbxAgent() + "', which is not a UIS employee id"));
        }
        JsonObject request = startEmployeeCall(call.request(), account, employeeId);
        return JsonRpc.send(client, config.callApiUrl(), request, config.timeout())
                .map(UisDialer::outcomeOf)
                .onFailure().recoverWithItem(failure -> PbxReplies.unanswered(failure, config.timeout()))
                .invoke(outcome -> {
                    if (!outcome.accepted()) {
                        LOG.warnf("Dial request %s failed at UIS: %s", call.request().requestId(), outcome.reason());
                    }
                });
    }

    static JsonObject startEmployeeCall(DialRequest request, UisConfig.Account account, long employeeId) {
        String virtualNumber = request.callerId() != null ? request.callerId() : account.virtualPhoneNumber();
        return new JsonObject()
                .put("jsonrpc", "2.0")
                .put("method", "start.employee_call")
                .put("id", request.requestId().toString())
                .put("params", new JsonObject()
                        .put("access_token", account.accessToken())
                        .put("first_call", account.firstCall())
                        .put("early_switching", account.earlySwitching())
                        .put("switch_at_once", account.switchAtOnce())
                        .put("show_virtual_phone_number", account.showVirtualPhoneNumber())
                        .put("virtual_phone_number", withoutPlus(virtualNumber))
                        .put("direction", "out")
                        .put("contact", withoutPlus(request.number().e164()))
                        .put("employee", new JsonObject().put("id", employeeId)));
    }

    /** UIS writes numbers as digits with the country code and no {@code +}: {@code 72131231111}. */
    private static String withoutPlus(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }

    private static DialOutcome outcomeOf(HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            return PbxReplies.httpError(response);
        }
        JsonObject reply;
        try {
            reply = response.bodyAsJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return PbxReplies.refused("not a JSON-RPC answer: " + PbxReplies.body(response));
        }
        if (reply == null || reply.getJsonObject("result") == null) {
            JsonObject error = reply == null ? null : reply.getJsonObject("error");
            return PbxReplies.refused(error == null ? PbxReplies.body(response)
                    : error.getValue("code") + " " + error.getString("message"));
        }
        JsonObject data = reply.getJsonObject("result").getJsonObject("data");
        Object callSessionId = data == null ? null : data.getValue("call_session_id");
        return DialOutcome.dialing(callSessionId == null ? null : callSessionId.toString());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
