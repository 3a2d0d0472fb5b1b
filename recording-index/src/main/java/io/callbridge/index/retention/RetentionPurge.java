package io.callbridge.index.retention;

import io.callbridge.common.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Deletes a tenant's calls (their recordings and processed events with them) older than its retention, except calls
 * with a deletion-protected recording. Each purge holds a PostgreSQL advisory lock for its transaction: with the
 * service scaled out, a second instance finds the lock taken and skips, and a crashed instance's lock goes with its
 * connection. Nothing is kept in memory between runs, so a restart simply resumes.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    /** The advisory lock's first key: this purge; the second is the tenant's hash. */
    private static final int LOCK_CLASS = 0x52455431;

    private static final String PROTECTED = "EXISTS (SELECT 1 FROM recording p WHERE p.tenant = c.tenant"
            + " AND p.call_id = c.call_id AND (p.protected_on_request OR coalesce(p.deletion_protected, false)))";

    private final RetentionConfig config;
    private final Clock clock = Clock.systemUTC();

    public RetentionPurge(RetentionConfig config) {
        this.config = config;
    }

    Optional<RetentionConfig.TenantRetention> retentionOf(TenantId tenant) {
        return Optional.ofNullable(config.tenants().get(tenant.value()));
    }

    /**
     * One batch of the tenant's due calls deleted.
     *
     * @return the calls deleted; empty when another instance holds the tenant's purge
     */
    @WithTransaction
    public Uni<Optional<Long>> purge(TenantId tenant, RetentionConfig.TenantRetention retention) {
        Instant cutoff = clock.instant().minus(retention.retention());
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(:lockClass, :tenantKey)", Boolean.class)
                .setParameter("lockClass", LOCK_CLASS)
                .setParameter("tenantKey", tenant.value().hashCode())
                .getSingleResult()
                .chain(locked -> {
                    if (!locked) {
                        LOG.debugf("Retention of %s is being purged by another instance; skipped", tenant);
                        return Uni.createFrom().item(Optional.<Long>empty());
                    }
                    return session.createNativeQuery("""
                                    WITH due AS (
                                        SELECT c.tenant, c.call_id FROM call c
                                        WHERE c.tenant = :tenant AND c.call_time < :cutoff AND NOT\s""" + PROTECTED + """
                                        ORDER BY c.call_time LIMIT :batch FOR UPDATE SKIP LOCKED),
                                    gone AS (
                                        DELETE FROM call c USING due d WHERE c.tenant = d.tenant AND c.call_id = d.call_id
                                        RETURNING c.call_id),
                                    events AS (
                                        DELETE FROM processed_event e USING gone g
                                        WHERE e.tenant = :tenant AND e.call_id = g.call_id)
                                    SELECT count(*) FROM gone""", Long.class)
                            .setParameter("tenant", tenant.value())
                            .setParameter("cutoff", cutoff)
                            .setParameter("batch", config.batchSize())
                            .getSingleResult()
                            .map(Optional::of);
                }));
    }

    /** What a purge would delete for the tenant now, and what it keeps because it is protected. */
    @WithSession
    public Uni<RetentionReport> report(TenantId tenant) {
        Optional<RetentionConfig.TenantRetention> retention = retentionOf(tenant);
        if (retention.isEmpty()) {
            return Uni.createFrom().item(new RetentionReport(tenant.value(), null, null, false, 0, 0, 0));
        }
        Instant cutoff = clock.instant().minus(retention.get().retention());
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE NOT\s""" + PROTECTED + """
                        ),
                               coalesce(sum((SELECT count(*) FROM recording r WHERE r.tenant = c.tenant
                                   AND r.call_id = c.call_id)) FILTER (WHERE NOT\s""" + PROTECTED + """
                        ), 0),
                               count(*) FILTER (WHERE\s""" + PROTECTED + """
                        )
                        FROM call c WHERE c.tenant = :tenant AND c.call_time < :cutoff""", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("cutoff", cutoff)
                .getSingleResult()
                .map(row -> new RetentionReport(tenant.value(), retention.get().retention(), cutoff,
                        retention.get().dryRun(), ((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue())));
    }
}
