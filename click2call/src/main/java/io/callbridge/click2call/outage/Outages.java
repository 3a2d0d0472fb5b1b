package io.callbridge.click2call.outage;

import io.callbridge.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells a database (or other backing service) that cannot be reached from a request that is wrong, so that an outage
 * is answered 503 with {@code Retry-After}, never 500. What reaches the REST layer when PostgreSQL is down depends on
 * when: a refused connection is a {@link ConnectException} (Netty's {@code AnnotatedConnectException}), possibly
 * wrapped by Hibernate Reactive ({@code HibernateException}, {@code CompletionException}); a connection PostgreSQL
 * closed is a {@link ClosedConnectionException}; a server shutting down answers SQLSTATE 57P01–57P03 on the
 * statements under way; a pool that cannot hand out a connection within its connection timeout fails with a bare
 * {@link NoStackTraceThrowable} "Timeout" (Vert.x SQL client 4.5), one whose wait queue is full with
 * {@link ConnectionPoolTooBusyException}, a closed pool with "Pool closed".
 */
public final class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);

    /** SQLSTATE class 08 (connection exception), server shutting down (57P0x), too many connections (53300). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /** The messages of the SQL client pool's own failures, which have no type of their own. */
    private static final Set<String> POOL_FAILURES = Set.of("Timeout", "Pool closed");

    private Outages() {
    }

    /** Whether the failure, or any of its causes, is a backing service that could not be reached. */
    public static boolean isUnreachable(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof ConnectionPoolTooBusyException
                    || cause instanceof NoStackTraceTimeoutException) {
                return true;
            }
            if (cause instanceof NoStackTraceThrowable && POOL_FAILURES.contains(cause.getMessage())) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    /** The 503 answered for an outage; which service is not said. */
    public static ProblemException unavailable() {
        return ProblemException.unreachable();
    }

    /**
     * For {@code Uni.plug}: an outage becomes {@link #unavailable()}, which every API answers in its own shape.
     */
    public static <T> Function<Uni<T>, Uni<T>> answeredUnavailable() {
        return uni -> uni.onFailure(Outages::isUnreachable).transform(failure -> {
            LOG.warnf("Answered 503, a service this request needs is not reachable: %s", failure.toString());
            return unavailable();
        });
    }
}
