package io.callbridge.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbridge.deploy.k8s.Kustomize.Doc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Small queries over built manifests (JSON trees), shared by the checks. */
final class Checks {

    private Checks() {
    }

    static List<Doc> ofKind(List<Doc> docs, String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    static Optional<Doc> find(List<Doc> docs, String kind, String name) {
        return docs.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst();
    }

    static List<JsonNode> list(JsonNode node) {
        return node == null || !node.isArray() ? List.of() : StreamSupport.stream(node.spliterator(), false).toList();
    }

    /** Whether a label selector (matchLabels and matchExpressions In/NotIn/Exists) selects these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        var fields = selector.path("matchLabels").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        for (JsonNode expr : list(selector.path("matchExpressions"))) {
            String key = expr.path("key").asText();
            List<String> values = list(expr.path("values")).stream().map(JsonNode::asText).toList();
            boolean has = labels.has(key);
            boolean ok = switch (expr.path("operator").asText()) {
                case "In" -> has && values.contains(labels.get(key).asText());
                case "NotIn" -> !has || !values.contains(labels.get(key).asText());
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isEmptySelector(JsonNode selector) {
        return selector.isObject() && selector.path("matchLabels").isEmpty()
                && selector.path("matchExpressions").isEmpty();
    }

    static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    static String join(String base, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    static List<String> errors() {
        return new ArrayList<>();
    }

    static String text(Map<String, String> map) {
        return String.join("\n", map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
