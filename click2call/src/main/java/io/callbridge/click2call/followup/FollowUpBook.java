package io.callbridge.click2call.followup;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Records the follow-ups CRMs ask for. */
@ApplicationScoped
public class FollowUpBook {

    private final FollowUps followUps;

    public FollowUpBook(FollowUps followUps) {
        this.followUps = followUps;
    }

    /** @return the follow-up, committed and PENDING */
    @WithTransaction
    public Uni<FollowUp> book(String tenant, String agent, String number, String convoxId, String disposition,
                              Instant dueAt) {
        FollowUp followUp = new FollowUp();
        followUp.id = UUID.randomUUID();
        followUp.tenant = tenant;
        followUp.agent = agent;
        followUp.numberRaw = number;
        followUp.convoxId = convoxId;
        followUp.disposition = disposition;
        followUp.dueAt = dueAt;
        followUp.status = FollowUp.Status.PENDING;
        followUp.createdAt = Instant.now();
        return followUps.persist(followUp);
    }
}
