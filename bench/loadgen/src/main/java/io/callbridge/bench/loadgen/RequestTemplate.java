package io.callbridge.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request to replay, from one line of a JSON Lines file:
 * {@code {"method":"POST","path":"/v1/events","headers":{"Content-Type":"application/json"},"body":{...}}}.
 * In the path and body, {@code {{seq}}} becomes the request's sequence number, {@code {{uuid}}} a random UUID and
 * {@code {{now}}} the current instant, so every request can carry its own call id.
 *
 * @param method  HTTP method
 * @param path    path and query
 * @param headers request headers
 * @param body    the body as text (a JSON object in the file is sent as its JSON text), or null
 */
public record RequestTemplate(String method, String path, Map<String, String> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<RequestTemplate> read(Path file) throws IOException {
        List<RequestTemplate> templates = Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(RequestTemplate::parse)
                .toList();
        if (templates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no request");
        }
        return templates;
    }

    static RequestTemplate parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            Map<String, String> headers = new LinkedHashMap<>();
            node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            JsonNode body = node.get("body");
            String text = body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString();
            return new RequestTemplate(node.path("method").asText("GET"), node.path("path").asText("/"),
                    Map.copyOf(headers), text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a request template: " + line, e);
        }
    }

    /** The path of request number {@code seq}. */
    String path(long seq) {
        return fill(path, seq);
    }

    /** The body of request number {@code seq}, or null. */
    String body(long seq) {
        return body == null ? null : fill(body, seq);
    }

    private static String fill(String text, long seq) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        return text.replace("{{seq}}", Long.toString(seq))
                .replace("{{uuid}}", UUID.randomUUID().toString())
                .replace("{{now}}", Instant.now().toString());
    }
}
