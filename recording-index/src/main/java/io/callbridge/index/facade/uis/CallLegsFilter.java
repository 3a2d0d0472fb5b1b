package io.callbridge.index.facade.uis;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.index.search.Parameters;
import io.callbridge.index.search.SqlConditions;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Compiles a UIS {@code filter} ({@code filters} of {@code field}/{@code operator}/{@code value} or nested filters,
 * joined by {@code condition} {@code and} / {@code or}) into one condition of fixed SQL fragments with bound values.
 * Anything else is an invalid-params error naming the member at fault.
 */
final class CallLegsFilter {

    static final int MAX_DEPTH = 5;
    static final int MAX_CONDITIONS = 50;
    static final int MAX_LIST = 100;

    private static final Set<String> ORDERING = Set.of(">", ">=", "<", "<=");
    private static final Set<String> OPERATORS = Set.of("=", "!=", ">", ">=", "<", "<=", "in", "not in");

    private final SqlConditions where;
    private final ZoneId zone;
    private final UnaryOperator<String> matchKey;
    private int conditions;

    /** @param matchKey the match key of a number in the tenant's region */
    CallLegsFilter(SqlConditions where, ZoneId zone, UnaryOperator<String> matchKey) {
        this.where = where;
        this.zone = zone;
        this.matchKey = matchKey;
    }

    String compile(JsonNode filter, String path, int depth) {
        if (!filter.isObject()) {
            throw JsonRpcException.invalidParams(path, "must be an object with filters and condition");
        }
        if (depth > MAX_DEPTH) {
            throw JsonRpcException.invalidParams(path, "nests deeper than " + MAX_DEPTH + " levels");
        }
        onlyMembers(filter, path, Set.of("filters", "condition"));
        JsonNode filters = filter.get("filters");
        if (filters == null || !filters.isArray() || filters.isEmpty()) {
            throw JsonRpcException.invalidParams(path + ".filters", "must be a non-empty array");
        }
        String joiner = joinerOf(filter.get("condition"), path + ".condition");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            JsonNode item = filters.get(i);
            String itemPath = path + ".filters[" + i + "]";
            parts.add(item.isObject() && item.has("filters") ? compile(item, itemPath, depth + 1) : leaf(item, itemPath));
        }
        return "(" + String.join(joiner, parts) + ")";
    }

    private String leaf(JsonNode item, String path) {
        if (!item.isObject()) {
            throw JsonRpcException.invalidParams(path, "must be an object with field, operator and value");
        }
        if (++conditions > MAX_CONDITIONS) {
            throw JsonRpcException.invalidParams(path, "more than " + MAX_CONDITIONS + " conditions");
        }
        onlyMembers(item, path, Set.of("field", "operator", "value"));
        JsonNode fieldName = item.get("field");
        if (fieldName == null || !fieldName.isTextual()) {
            throw JsonRpcException.invalidParams(path + ".field", "must be a field name");
        }
        CallLegField field = CallLegField.named(fieldName.asText()).orElseThrow(() -> JsonRpcException.invalidParams(
                path + ".field", "'" + fieldName.asText() + "' is not a field; known: " + CallLegField.known()));
        if (field.kind == CallLegField.Kind.NOT_FILTERABLE) {
            throw JsonRpcException.invalidParams(path + ".field", "'" + field.name + "' cannot be filtered on");
        }
        JsonNode operatorNode = item.get("operator");
        String operator = operatorNode != null && operatorNode.isTextual()
                ? operatorNode.asText().toLowerCase(Locale.ROOT) : null;
        if (operator == null || !OPERATORS.contains(operator)) {
            throw JsonRpcException.invalidParams(path + ".operator", "must be one of " + OPERATORS.stream().sorted().toList());
        }
        boolean ordered = field.kind == CallLegField.Kind.INTEGER || field.kind == CallLegField.Kind.TIME;
        if (ORDERING.contains(operator) && !ordered) {
            throw JsonRpcException.invalidParams(path + ".operator", "'" + operator + "' does not apply to " + field.name);
        }
        if (field.kind == CallLegField.Kind.BOOLEAN && operator.endsWith("in")) {
            throw JsonRpcException.invalidParams(path + ".operator", "'" + operator + "' does not apply to " + field.name);
        }
        JsonNode value = item.get("value");
        if (value == null) {
            throw JsonRpcException.invalidParams(path + ".value", "is required");
        }
        if (operator.endsWith("in")) {
            return list(field, operator, value, path + ".value");
        }
        String bound = where.bind(valueOf(field, value, path + ".value"));
        return switch (operator) {
            case "=" -> field.column + " = " + bound;
            case "!=" -> field.column + " IS DISTINCT FROM " + bound;
            default -> field.column + " " + operator + " " + bound;
        };
    }

    private String list(CallLegField field, String operator, JsonNode values, String path) {
        if (!values.isArray() || values.isEmpty() || values.size() > MAX_LIST) {
            throw JsonRpcException.invalidParams(path, "must be an array of 1 to " + MAX_LIST + " values");
        }
        List<String> bound = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            bound.add(where.bind(valueOf(field, values.get(i), path + "[" + i + "]")));
        }
        String in = field.column + " IN (" + String.join(", ", bound) + ")";
        return "in".equals(operator) ? in : "NOT coalesce(" + in + ", false)";
    }

    private Object valueOf(CallLegField field, JsonNode value, String path) {
        return switch (field.kind) {
            case TEXT -> {
                if (!value.isTextual() && !value.isIntegralNumber()) {
                    throw JsonRpcException.invalidParams(path, "must be a string or a whole number");
                }
                yield value.asText();
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    throw JsonRpcException.invalidParams(path, "must be a whole number of seconds");
                }
                yield value.asInt();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw JsonRpcException.invalidParams(path, "must be true or false");
                }
                yield value.asBoolean();
            }
            case TIME -> {
                if (!value.isTextual()) {
                    throw JsonRpcException.invalidParams(path, "must be a time such as 2017-06-01 14:34:00");
                }
                yield time(value.asText(), path);
            }
            case DIRECTION -> switch (value.asText()) {
                case "in" -> "INBOUND";
                case "out" -> "OUTBOUND";
                case "internal" -> "INTERNAL";
                default -> throw JsonRpcException.invalidParams(path, "must be in, out or internal");
            };
            case PHONE -> {
                if ((!value.isTextual() && !value.isIntegralNumber()) || value.asText().isBlank()) {
                    throw JsonRpcException.invalidParams(path, "must be a phone number");
                }
                yield matchKey.apply(value.asText());
            }
            case NOT_FILTERABLE -> throw JsonRpcException.invalidParams(path, field.name + " cannot be filtered on");
        };
    }

    private Object time(String text, String path) {
        try {
            return Parameters.vendorTime(path, text, zone);
        } catch (ProblemException e) {
            throw JsonRpcException.invalidParams(path, "'" + text + "' is not a time such as 2017-06-01 14:34:00");
        }
    }

    private static String joinerOf(JsonNode condition, String path) {
        if (condition == null || condition.isNull()) {
            return " AND ";
        }
        return switch (condition.isTextual() ? condition.asText().toLowerCase(Locale.ROOT) : "") {
            case "and" -> " AND ";
            case "or" -> " OR ";
            default -> throw JsonRpcException.invalidParams(path, "must be and or or");
        };
    }

    static void onlyMembers(JsonNode object, String path, Set<String> known) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw JsonRpcException.invalidParams(path.isEmpty() ? name : path + "." + name,
                        "is not a known member; known: " + known.stream().sorted().toList());
            }
        }
    }
}
