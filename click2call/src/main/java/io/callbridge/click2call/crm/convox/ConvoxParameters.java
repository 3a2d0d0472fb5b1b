package io.callbridge.click2call.crm.convox;

import io.callbridge.common.problem.ProblemException;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ConVox request's parameters, found whatever way the CRM spells their names: document 001 writes
 * {@code mobile number} and {@code mobile_number}, {@code Convoxid} and {@code convoxid}, so names are matched
 * case-insensitively with spaces and underscores ignored.
 */
final class ConvoxParameters {

    private final Map<String, String> byKey = new HashMap<>();

    ConvoxParameters(Map<String, List<String>> received) {
        received.forEach((name, values) -> {
            if (!values.isEmpty()) {
                byKey.putIfAbsent(key(name), values.get(0).trim());
            }
        });
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_]", "");
    }

    /** The value, or null when absent or blank. */
    String optional(String name) {
        String value = byKey.get(key(name));
        return value == null || value.isEmpty() ? null : value;
    }

    /** @throws ProblemException 400 naming the parameter when it is absent or blank */
    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw ProblemException.badRequest(name, "is required");
        }
        return value;
    }
}
