package io.callbridge.click2call.call;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes the double-click claims ({@code dial_dedupe}) older than the dedupe window, which decide nothing any more:
 * a click after the window claims the row anew anyway. Without this, the table keeps a row for every agent and number
 * ever dialed.
 * <p>
 * Safe with several replicas and with clicks arriving meanwhile: each statement locks the rows it deletes and skips
 * those locked by another replica or by a click claiming the row right now; a row a click renewed after the statement
 * read it no longer qualifies when locked, and is kept.
 */
@ApplicationScoped
public class DedupeCleaner {

    private static final Logger LOG = Logger.getLogger(DedupeCleaner.class);

    /** Replicas' clocks may differ: a claim is kept this much longer than the window, so none is deleted early. */
    static final Duration CLOCK_GRACE = Duration.ofMinutes(1);

    private static final String DELETE_EXPIRED = """
            DELETE FROM dial_dedupe
            WHERE ctid = ANY(ARRAY(SELECT ctid FROM dial_dedupe WHERE requested_at < $1::timestamptz
                                   LIMIT $2::int FOR UPDATE SKIP LOCKED))
              AND requested_at < $1::timestamptz""";

    private final Pool pool;
    private final CallConfig.Dedupe config;

    public DedupeCleaner(Pool pool, CallConfig config) {
        this.pool = pool;
        this.config = config.dedupe();
    }

    @Scheduled(every = "${callbridge.click2call.dedupe.clean-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanOnSchedule() {
        return clean()
                .onFailure().invoke(failure -> LOG.warnf("Expired double-click claims not deleted yet: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** @return how many expired claims were deleted */
    public Uni<Integer> clean() {
        return cleanBefore(Instant.now().minus(config.window()).minus(CLOCK_GRACE), 0);
    }

    private Uni<Integer> cleanBefore(Instant before, int sofar) {
        return pool.preparedQuery(DELETE_EXPIRED).execute(Tuple.of(DialAdmission.utc(before), config.cleanBatch()))
                .chain(rows -> rows.rowCount() < config.cleanBatch()
                        ? Uni.createFrom().item(sofar + rows.rowCount())
                        : cleanBefore(before, sofar + rows.rowCount()));
    }
}
