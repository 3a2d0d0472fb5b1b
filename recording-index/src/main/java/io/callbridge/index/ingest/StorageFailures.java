package io.callbridge.index.ingest;

import io.vertx.pgclient.PgException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/** Tells a failure that an event itself causes, every time, from one that waiting may cure. */
final class StorageFailures {

    /**
     * SQLSTATE classes of errors caused by the statement's data or text, which a retry repeats: data exception (22,
     * e.g. a NUL character in a text), integrity constraint violation (23), syntax or access rule violation (42),
     * program limit exceeded (54).
     */
    private static final Set<String> CAUSED_BY_THE_DATA = Set.of("22", "23", "42", "54");

    /**
     * A unique violation is the one integrity error a retry cures: two first events of one call inserting it at once
     * (during a rebalance); the retry finds the row. Nothing else this service writes can violate a unique key.
     */
    private static final String UNIQUE_VIOLATION = "23505";

    private StorageFailures() {
    }

    /** Whether the failure comes from what was stored, so that retrying the same data cannot succeed. */
    static boolean causedByTheData(Throwable failure) {
        return sqlState(failure)
                .map(state -> !UNIQUE_VIOLATION.equals(state)
                        && state.length() >= 2 && CAUSED_BY_THE_DATA.contains(state.substring(0, 2)))
                .orElse(false);
    }

    /** Whether waiting may cure it: the database unreachable, restarting, a lost connection, a deadlock. */
    static boolean transientFailure(Throwable failure) {
        return !causedByTheData(failure);
    }

    private static Optional<String> sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return Optional.ofNullable(pg.getSqlState());
            }
            // Hibernate Reactive reports the client's error as an SQLException with its state.
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
