package io.callbridge.index.search;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The conditions of a query on {@code call c}, built from fixed SQL fragments written in this code; every value a
 * request gives is bound as a parameter ({@code $1}, {@code $2}, ... of a prepared statement), so no user input ever
 * becomes SQL text.
 */
public final class SqlConditions {

    private final List<Object> parameters = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    /** A positional parameter holding the value, to use in a fragment. */
    public String bind(Object value) {
        if (value instanceof Instant instant) {
            parameters.add(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            return "$" + parameters.size() + "::timestamptz";
        }
        parameters.add(value);
        return "$" + parameters.size();
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

    public List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The bound values, in the order of their positions. */
    public Tuple tuple() {
        return Tuple.from(parameters);
    }
}
