package io.callbridge.index.facade.uis;

import java.util.Map;

/**
 * A JSON-RPC 2.0 error to answer as an error object (with HTTP 200, as JSON-RPC over HTTP does), never as an HTTP
 * error.
 */
public class JsonRpcException extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    /** In the range JSON-RPC leaves to the server: the access token is missing or unknown. */
    public static final int UNAUTHORIZED = -32001;

    private final int code;
    private final transient Map<String, String> data;

    private JsonRpcException(int code, String message, Map<String, String> data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public static JsonRpcException parseError(String reason) {
        return new JsonRpcException(PARSE_ERROR, "Parse error", Map.of("reason", reason));
    }

    public static JsonRpcException invalidRequest(String field, String reason) {
        return new JsonRpcException(INVALID_REQUEST, "Invalid Request", Map.of("field", field, "reason", reason));
    }

    public static JsonRpcException methodNotFound(String method) {
        return new JsonRpcException(METHOD_NOT_FOUND, "Method not found",
                Map.of("field", "method", "reason", "'" + method + "' is not served here; get.call_legs_report is"));
    }

    /** @param field the member at fault, as a path: {@code filter.filters[0].operator} */
    public static JsonRpcException invalidParams(String field, String reason) {
        return new JsonRpcException(INVALID_PARAMS, "Invalid params", Map.of("field", field, "reason", reason));
    }

    public static JsonRpcException unauthorized(String reason) {
        return new JsonRpcException(UNAUTHORIZED, "Unauthorized", Map.of("field", "access_token", "reason", reason));
    }

    public int code() {
        return code;
    }

    public Map<String, String> data() {
        return data;
    }
}
