package io.callbridge.index.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Calls as the API serves them, made comparable. */
public final class CallJson {

    private CallJson() {
    }

    /**
     * The call with its id replaced wherever it occurs (the id, the recording's file), and without the database's
     * recording ids, to compare two calls.
     */
    public static Object withCallIdMasked(Object value, String callId) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> masked = new HashMap<>();
            map.forEach((key, nested) -> masked.put(key, withCallIdMasked(nested, callId)));
            if (masked.containsKey("location")) {
                masked.remove("id");
            }
            return masked;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(nested -> withCallIdMasked(nested, callId)).toList();
        }
        return value instanceof String text ? text.replace(callId, "<callId>") : value;
    }
}
