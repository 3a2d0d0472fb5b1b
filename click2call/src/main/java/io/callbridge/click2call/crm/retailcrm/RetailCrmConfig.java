package io.callbridge.click2call.crm.retailcrm;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/** The retailCRM accounts whose telephony is this service (document 003). */
@ConfigMapping(prefix = "callbridge.click2call.retailcrm")
public interface RetailCrmConfig {

    /**
     * Each tenant's retailCRM {@code clientId}, the code registered with {@code /api/v4/telephony/setting/{code}/edit}
     * that retailCRM sends with every request, as lower-case hex SHA-256 (the value itself is a secret).
     */
    Map<String, String> clientIdSha256();
}
