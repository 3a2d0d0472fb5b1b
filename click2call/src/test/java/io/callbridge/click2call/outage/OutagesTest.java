package io.callbridge.click2call.outage;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures, as they reach an API, are a database that cannot be reached (503) and which are not. */
class OutagesTest {

    @Test
    void aRefusedConnectionIsAnOutageAlsoWhenHibernateWrapsIt() {
        ConnectException refused = new ConnectException("Connection refused: localhost/127.0.0.1:5432");

        assertThat(Outages.isUnreachable(refused)).isTrue();
        assertThat(Outages.isUnreachable(new HibernateException(new CompletionException(refused)))).isTrue();
    }

    @Test
    void aClosedConnectionOrAServerShuttingDownIsAnOutage() {
        assertThat(Outages.isUnreachable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(Outages.isUnreachable(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null))).isTrue();
        assertThat(Outages.isUnreachable(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
    }

    @Test
    void aPoolThatHandsOutNoConnectionIsAnOutage() {
        assertThat(Outages.isUnreachable(new NoStackTraceThrowable("Timeout"))).isTrue();
        assertThat(Outages.isUnreachable(new ConnectionPoolTooBusyException(
                "Connection pool reached max wait queue size of 10"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Outages.isUnreachable(new PgException("duplicate key value", "ERROR", "23505", null))).isFalse();
        assertThat(Outages.isUnreachable(new IllegalStateException("a bug"))).isFalse();
        assertThat(Outages.isUnreachable(new NoStackTraceThrowable("something else"))).isFalse();
    }

    @Test
    void theAnswerIs503() {
        assertThat(Outages.unavailable().problem().status()).isEqualTo(503);
    }
}
