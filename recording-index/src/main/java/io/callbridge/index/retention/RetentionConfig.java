package io.callbridge.index.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** How long each tenant's calls and recordings are kept; a tenant without a retention keeps them forever. */
@ConfigMapping(prefix = "callbridge.index.retention")
public interface RetentionConfig {

    /** How often the purge runs (a Quarkus scheduler period, e.g. {@code 10m}). */
    @WithDefault("10m")
    String every();

    /** Calls deleted per tenant in one transaction; a larger backlog is worked off over the following runs. */
    @WithDefault("5000")
    int batchSize();

    /** Per tenant id, its retention. */
    Map<String, TenantRetention> tenants();

    interface TenantRetention {
        /** Calls older than this (by {@code call_time}) are deleted with their recordings, e.g. {@code 365d}. */
        Duration retention();

        /** true: the tenant's purge is only reported ({@code GET /v1/retention/report}), nothing is deleted. */
        @WithDefault("false")
        boolean dryRun();
    }
}
