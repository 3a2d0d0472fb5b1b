package io.callbridge.click2call.pbx.ccs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The Call Center Studio accounts of the tenants that dial through it (document 002). */
@ConfigMapping(prefix = "callbridge.click2call.ccs")
public interface CallCenterStudioConfig {

    /** How long Call Center Studio may take to answer one request; after that the dial counts as failed. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * How long an agent's session is kept before logging in again; the document says 8 to 12 hours, and a value
     * outside that stops the application. A session Call Center Studio refuses earlier is renewed at once.
     */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** Each tenant's account, by tenant id. */
    Map<String, Account> tenants();

    /** One tenant's Call Center Studio account. */
    interface Account {

        /** The account's address, {@code https://<tenantname>.callcenterstudio.com}. */
        String baseUrl();

        /** The {@code app_token} made in the Administrator module's Applications tab; a secret. */
        String appToken();

        /** The path of the Login API, under {@link #baseUrl()}. */
        @WithDefault("/login")
        String loginPath();

        /** The path of the click2call API, under {@link #baseUrl()}. */
        @WithDefault("/click2call")
        String click2callPath();
    }
}
