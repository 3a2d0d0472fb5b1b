package io.callbridge.click2call.pbx.uis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The UIS accounts of the tenants that dial through UIS (document 003). */
@ConfigMapping(prefix = "callbridge.click2call.uis")
public interface UisConfig {

    /** The Call API's JSON-RPC endpoint, where {@code start.employee_call} is sent. */
    @WithDefault("https://callapi.uiscom.ru/v4.0")
    String callApiUrl();

    /** The Data API's JSON-RPC endpoint, where {@code update.employees} is sent. */
    @WithDefault("https://dataapi.uiscom.ru/v2.0")
    String dataApiUrl();

    /** How long UIS may take to answer; after that the dial counts as failed and is not repeated. */
    @WithDefault("10s")
    Duration timeout();

    /** Each UIS tenant's account, by tenant id. */
    Map<String, Account> tenants();

    /** One tenant's UIS account and the {@code start.employee_call} settings of its calls. */
    interface Account {

        /** The account's API {@code access_token}; a secret, set by the deployment. */
        String accessToken();

        /** {@code virtual_phone_number}: the number the customer sees, unless the CRM's request names a caller id. */
        String virtualPhoneNumber();

        /** {@code first_call}: who is called first, {@code employee} (the agent) or {@code contact}. */
        @WithDefault("employee")
        String firstCall();

        /** {@code early_switching}: connect the customer while the agent's phone still rings back. */
        @WithDefault("true")
        boolean earlySwitching();

        /** {@code switch_at_once}: connect as soon as the first party answers. */
        @WithDefault("true")
        boolean switchAtOnce();

        /** {@code show_virtual_phone_number}: show the virtual number to the agent. */
        @WithDefault("false")
        boolean showVirtualPhoneNumber();
    }
}
