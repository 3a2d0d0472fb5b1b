package io.callbridge.dispatch.request;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to a CRM, as rendered for one event.
 *
 * @param method  GET or POST
 * @param url     absolute, with its query
 * @param headers besides the event id headers every request carries
 * @param body    empty for a GET
 */
public record CrmRequest(String method, String url, Map<String, String> headers, byte[] body) {

    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String JSON = "application/json";

    public CrmRequest {
        headers = Map.copyOf(headers);
    }

    public static CrmRequest get(String url) {
        return new CrmRequest("GET", url, Map.of(), new byte[0]);
    }

    public static CrmRequest post(String url, String contentType, String body) {
        return post(url, contentType, body, Map.of());
    }

    public static CrmRequest post(String url, String contentType, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return new CrmRequest("POST", url, all, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same request with one more header. */
    public CrmRequest withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new CrmRequest(method, url, all, body);
    }
}
