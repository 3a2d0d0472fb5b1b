package io.callbridge.index.locale;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Where each tenant's PBXs are: vendor dialects write times without a zone ({@code yyyy-MM-dd HH:mm:ss}) and numbers
 * in national form ({@code 033004799}), both local to the tenant.
 */
@ConfigMapping(prefix = "callbridge.index.locale")
public interface TenantLocaleConfig {

    /** Time zone of the vendor times of a tenant that names none, e.g. {@code Asia/Jerusalem}. */
    @WithDefault("UTC")
    ZoneId defaultZone();

    /** ISO 3166 region in which a tenant that names none dials national numbers, e.g. {@code IL}. */
    @WithDefault("IL")
    String defaultRegion();

    /**
     * How many numbers, as CRMs sent them, are kept read in memory for their match key
     * ({@code TenantLocales#matchKeyOf}, {@link io.callbridge.common.phone.RecentPhoneNumbers}): reading a number with
     * libphonenumber was about a tenth of the service's CPU per search. Past this many the memory is emptied and fills
     * again. 0: none kept.
     */
    @WithDefault("50000")
    int matchKeyCacheSize();

    /** Per tenant id, its own zone and region. */
    Map<String, TenantLocale> tenants();

    interface TenantLocale {
        /** Time zone of the tenant's vendor times. */
        Optional<ZoneId> zone();

        /** ISO 3166 region of the tenant's national numbers. */
        Optional<String> region();
    }
}
