package io.callbridge.index.locale;

import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;

/** A tenant's time zone and numbering region, as configured. */
@ApplicationScoped
public class TenantLocales {

    private final TenantLocaleConfig config;
    /** Region and number as received to match key; the same answer as {@link PhoneNumber#parse}, kept. */
    private final ConcurrentHashMap<String, String> matchKeys = new ConcurrentHashMap<>();

    public TenantLocales(TenantLocaleConfig config) {
        this.config = config;
    }

    public ZoneId zoneOf(TenantId tenant) {
        TenantLocaleConfig.TenantLocale locale = config.tenants().get(tenant.value());
        return locale == null ? config.defaultZone() : locale.zone().orElse(config.defaultZone());
    }

    public String regionOf(TenantId tenant) {
        TenantLocaleConfig.TenantLocale locale = config.tenants().get(tenant.value());
        return locale == null ? config.defaultRegion() : locale.region().orElse(config.defaultRegion());
    }

    /**
     * What the index compares for a number the tenant's CRM sent in any form: {@code 033004799},
     * {@code +97233004799} and {@code 97233004799} all give {@code +97233004799}.
     */
    public String matchKeyOf(TenantId tenant, String number) {
        String region = regionOf(tenant);
        int capacity = config.matchKeyCacheSize();
        if (capacity <= 0) {
            return PhoneNumber.parse(number, region).matchKey();
        }
        // The same numbers come back (a customer's calls, a CRM refreshing its screen); the key depends only on the
        // region and the text, so a kept one is the parse's answer. Emptied whole when full: no order to keep.
        String key = region + ' ' + number;
        String matchKey = matchKeys.get(key);
        if (matchKey == null) {
            matchKey = PhoneNumber.parse(number, region).matchKey();
            if (matchKeys.size() >= capacity) {
                matchKeys.clear();
            }
            matchKeys.put(key, matchKey);
        }
        return matchKey;
    }
}
