package io.callbridge.click2call.followup;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stored follow-ups. */
@ApplicationScoped
public class FollowUps implements PanacheRepositoryBase<FollowUp, UUID> {

    /**
     * Moves up to {@code limit} follow-ups from PENDING (when due) or CLAIMED (when the claim lapsed before
     * {@code lapsedBefore}) to CLAIMED by this replica, in one statement: rows another replica is claiming at the same
     * moment are skipped, so each follow-up is claimed by one replica at a time.
     *
     * @return the ids claimed
     */
    @WithSession
    public Uni<List<UUID>> claimDue(Instant now, Instant lapsedBefore, String replica, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        UPDATE follow_up SET status = 'CLAIMED', claimed_by = :replica, claimed_at = :now
                        WHERE id IN (SELECT id FROM follow_up
                                     WHERE (status = 'PENDING' AND due_at <= :now)
                                        OR (status = 'CLAIMED' AND claimed_at < :lapsed)
                                     ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING id""", UUID.class)
                .setParameter("replica", replica)
                .setParameter("now", now)
                .setParameter("lapsed", lapsedBefore)
                .setParameter("limit", limit)
                .getResultList());
    }
}
