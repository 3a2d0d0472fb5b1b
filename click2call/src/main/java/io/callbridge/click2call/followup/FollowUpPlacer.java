package io.callbridge.click2call.followup;

import io.callbridge.click2call.call.CallConfig;
import io.callbridge.click2call.call.CallPlacer;
import io.callbridge.click2call.call.CallRequest;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Places the follow-ups that fall due, exactly once. Every replica looks; a follow-up is claimed in PostgreSQL by one
 * of them before it is dialed, and placed under a dial request whose id is the follow-up's: a claim left by a replica
 * that died is taken over once its lease lapsed, and placing it again finds the dial request already stored (when the
 * dead replica got that far) and never dials again.
 */
@ApplicationScoped
public class FollowUpPlacer {

    private static final Logger LOG = Logger.getLogger(FollowUpPlacer.class);

    /** This process, in the {@code claimed_by} column, for an operator looking for a claim its replica left. */
    private final String replica = UUID.randomUUID().toString();

    private final FollowUps followUps;
    private final CallPlacer placer;
    private final TenantDialers dialers;
    private final CallConfig callConfig;
    private final FollowUpConfig config;

    public FollowUpPlacer(FollowUps followUps, CallPlacer placer, TenantDialers dialers, CallConfig callConfig,
                          FollowUpConfig config) {
        this.followUps = followUps;
        this.placer = placer;
        this.dialers = dialers;
        this.callConfig = callConfig;
        this.config = config;
    }

    @Scheduled(every = "${callbridge.click2call.follow-ups.poll-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> placeDue() {
        return claim()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::place)
                .collect().last()
                .onFailure().invoke(failure -> LOG.errorf("Placing due follow-ups failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<java.util.List<UUID>> claim() {
        Instant now = Instant.now();
        return followUps.claimDue(now, now.minus(config.claimLease()), replica, config.batchSize());
    }

    private Uni<Void> place(UUID id) {
        return load(id).chain(followUp -> dial(followUp)
                .chain(dialed -> settle(id, dialed.requestId(),
                        dialed.status() == DialRequest.DialStatus.FAILED ? dialed.reason() : null))
                .onFailure().recoverWithUni(failure -> settle(id, null, failure.getMessage())));
    }

    @WithSession
    Uni<FollowUp> load(UUID id) {
        return followUps.findById(id);
    }

    private Uni<DialRequest> dial(FollowUp followUp) {
        return Uni.createFrom().deferred(() -> {
            // under the follow-up's id: a follow-up taken over after its claim lapsed is never dialed twice
            DialRequest requested = new CallRequest(followUp.agent, followUp.numberRaw, null)
                    .toDialRequest(followUp.id, TenantId.of(followUp.tenant), callConfig, Instant.now());
            return placer.place(dialers.callFor(requested));
        });
    }

    @WithTransaction
    Uni<Void> settle(UUID id, UUID requestId, String failure) {
        return followUps.findById(id).invoke(followUp -> {
            followUp.requestId = requestId;
            followUp.status = failure == null ? FollowUp.Status.PLACED : FollowUp.Status.FAILED;
            followUp.reason = failure;
            if (failure != null) {
                LOG.warnf("Follow-up %s not placed: %s", id, failure);
            }
        }).replaceWithVoid();
    }
}
