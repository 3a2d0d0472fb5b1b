package io.callbridge.dispatch.request;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Name-value pairs in the order a vendor's document lists them, encoded for a query or a form. */
public final class Parameters {

    private final Map<String, String> values = new LinkedHashMap<>();

    /** A missing value is sent empty, as the vendors' samples do, rather than left out. */
    public Parameters add(String name, Object value) {
        values.put(name, value == null ? "" : value.toString());
        return this;
    }

    /** For a query string: UTF-8, a space as {@code %20}. */
    public String query() {
        return values.entrySet().stream()
                .map(entry -> encode(entry.getKey()).replace("+", "%20") + "="
                        + encode(entry.getValue()).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    /** For an {@code application/x-www-form-urlencoded} body: UTF-8, a space as {@code +}. */
    public String form() {
        return values.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The URL with these parameters appended to its query. */
    public String appendTo(String url) {
        return url + (url.contains("?") ? "&" : "?") + query();
    }

    /** A value as one path segment: percent-encoded, a space as {@code %20}. */
    public static String pathSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
