package io.callbridge.click2call.pbx.uis;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import java.time.Duration;

/** A UIS JSON-RPC request: the body exactly as built, members in the document's order. */
final class JsonRpc {

    private JsonRpc() {
    }

    static Uni<HttpResponse<Buffer>> send(WebClient client, String url, JsonObject request, Duration timeout) {
        return client.postAbs(url)
                .timeout(timeout.toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json; charset=UTF-8")
                .sendBuffer(Buffer.buffer(request.encode()))
                .ifNoItem().after(timeout).fail();
    }
}
