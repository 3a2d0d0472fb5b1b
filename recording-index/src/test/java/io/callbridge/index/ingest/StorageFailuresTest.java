package io.callbridge.index.ingest;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.DataException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which storage failures give an event up at once, and which are retried. */
class StorageFailuresTest {

    @Test
    void aValueThePostgresRefusesIsTheDataNotTheDatabase() {
        PgException nul = new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
        assertThat(StorageFailures.causedByTheData(nul)).isTrue();
        assertThat(StorageFailures.causedByTheData(new CompletionException(nul))).isTrue();
        // as Hibernate Reactive reports it
        assertThat(StorageFailures.causedByTheData(new DataException("error executing SQL statement",
                new SQLException("invalid byte sequence", "22021")))).isTrue();
        assertThat(StorageFailures.causedByTheData(new PgException("null value", "ERROR", "23502", null))).isTrue();
    }

    @Test
    void aRaceOnTheKeyAndAnUnreachableDatabaseAreRetried() {
        assertThat(StorageFailures.transientFailure(new PgException("duplicate key", "ERROR", "23505", null))).isTrue();
        assertThat(StorageFailures.transientFailure(new PgException("deadlock detected", "ERROR", "40P01", null)))
                .isTrue();
        assertThat(StorageFailures.transientFailure(new PgException("terminating connection", "FATAL", "57P01", null)))
                .isTrue();
        assertThat(StorageFailures.transientFailure(new ConnectException("Connection refused"))).isTrue();
        assertThat(StorageFailures.transientFailure(new IllegalStateException("Pool closed"))).isTrue();
    }
}
