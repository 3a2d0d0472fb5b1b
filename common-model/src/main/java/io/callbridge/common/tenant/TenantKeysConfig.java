package io.callbridge.common.tenant;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Map;

/** The API keys each tenant's CRMs and PBXs present, as SHA-256 hashes: no key itself is ever configured. */
@ConfigMapping(prefix = "callbridge.auth")
public interface TenantKeysConfig {

    /** Per tenant id, its keys. */
    Map<String, Tenant> tenants();

    interface Tenant {
        /**
         * Lower-case hex SHA-256 of each API key the tenant may use ({@code printf %s KEY | sha256sum}); several
         * during a rotation.
         */
        List<String> apiKeySha256();
    }
}
