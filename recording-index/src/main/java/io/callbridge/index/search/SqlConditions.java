package io.callbridge.index.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions of a query on {@code call c}, built from fixed SQL fragments written in this code; every value a
 * request gives is bound as a parameter, so no user input ever becomes SQL text.
 */
public final class SqlConditions {

    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<String> conditions = new ArrayList<>();

    /** A named parameter holding the value, to use in a fragment. */
    public String bind(Object value) {
        String name = "p" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    /** Adds a condition, a fragment of this code's own whose values come from {@link #bind}. */
    public SqlConditions and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** All conditions joined by AND; {@code TRUE} when there is none. */
    public String sql() {
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }
}
