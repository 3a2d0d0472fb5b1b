package io.callbridge.index.locale;

import io.callbridge.common.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantLocalesTest {

    private static final TenantId ACME = new TenantId("acme");

    @Test
    void everyFormOfANumberGivesTheSameMatchKeyWhetherKeptOrNot() {
        for (int cacheSize : List.of(0, 1, 2, 50_000)) {
            TenantLocales locales = new TenantLocales(config(cacheSize));
            // twice over: the second round is answered from what the first kept (when anything is kept)
            for (int round = 0; round < 2; round++) {
                for (String form : List.of("033004799", "+97233004799", "97233004799", " 03-300-4799 ")) {
                    assertThat(locales.matchKeyOf(ACME, form)).as(form + ", kept " + cacheSize)
                            .isEqualTo("+97233004799");
                }
                assertThat(locales.matchKeyOf(ACME, "1004")).isEqualTo("1004");
                assertThat(locales.matchKeyOf(ACME, "12-34")).isEqualTo("1234");
            }
        }
    }

    private static TenantLocaleConfig config(int cacheSize) {
        return new TenantLocaleConfig() {
            @Override
            public ZoneId defaultZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public String defaultRegion() {
                return "IL";
            }

            @Override
            public int matchKeyCacheSize() {
                return cacheSize;
            }

            @Override
            public Map<String, TenantLocale> tenants() {
                return Map.of();
            }
        };
    }
}
