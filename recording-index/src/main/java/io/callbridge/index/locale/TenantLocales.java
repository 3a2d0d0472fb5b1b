package io.callbridge.index.locale;

import io.callbridge.common.phone.RecentPhoneNumbers;
import io.callbridge.common.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;

/** A tenant's time zone and numbering region, as configured. */
@ApplicationScoped
public class TenantLocales {

    private final TenantLocaleConfig config;
    private final RecentPhoneNumbers numbers;

    public TenantLocales(TenantLocaleConfig config) {
        this.config = config;
        this.numbers = new RecentPhoneNumbers(config.matchKeyCacheSize());
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
        return numbers.parse(number, regionOf(tenant)).matchKey();
    }
}
