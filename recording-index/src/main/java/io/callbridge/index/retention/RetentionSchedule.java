package io.callbridge.index.retention;

import io.callbridge.common.tenant.TenantId;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Runs the purge of every tenant that has a retention and is not in dry-run, one tenant after the other. */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final RetentionConfig config;
    private final RetentionPurge purge;

    public RetentionSchedule(RetentionConfig config, RetentionPurge purge) {
        this.config = config;
        this.purge = purge;
    }

    @Scheduled(identity = "retention-purge", every = "${callbridge.index.retention.every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeAll() {
        return Multi.createFrom().iterable(config.tenants().entrySet())
                .filter(tenant -> !tenant.getValue().dryRun())
                .onItem().transformToUniAndConcatenate(tenant -> purge.purge(TenantId.of(tenant.getKey()),
                                tenant.getValue())
                        .invoke(deleted -> deleted.filter(count -> count > 0).ifPresent(count ->
                                LOG.infof("Retention: %d calls of %s deleted", count, tenant.getKey())))
                        .onFailure().invoke(failure -> LOG.errorf(failure, "Retention of %s failed; retried next run",
                                tenant.getKey()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
