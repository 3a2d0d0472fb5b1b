package io.callbridge.index.facade.uis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A JSON-RPC 2.0 response: a result or an error.
 *
 * @param jsonrpc always 2.0
 * @param id      the request's id; null when it could not be read
 * @param result  the result, on success
 * @param error   the error, on failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonRpcResponse(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id, Object result,
                              Error error) {

    /**
     * @param code    the JSON-RPC error code
     * @param message a short description of the code
     * @param data    the member at fault ({@code field}) and what is wrong with it ({@code reason})
     */
    public record Error(int code, String message, Map<String, String> data) {
    }

    public static JsonRpcResponse result(JsonNode id, Object result) {
        return new JsonRpcResponse("2.0", id, result, null);
    }

    /** Turns a result into the response to the request of that id. */
    public static <T> java.util.function.Function<T, JsonRpcResponse> idFor(JsonNode id) {
        return result -> result(id, result);
    }

    public static JsonRpcResponse error(JsonNode id, JsonRpcException e) {
        return new JsonRpcResponse("2.0", id, null, new Error(e.code(), e.getMessage(), e.data()));
    }
}
