package io.callbridge.dispatch.delivery.network;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which addresses that are refused by default (loopback, private, link-local, ...) deliveries may go to. */
@ConfigMapping(prefix = "callbridge.dispatch.network")
public interface NetworkConfig {

    /** Networks (CIDR, e.g. {@code 10.1.0.0/16}) every tenant's deliveries may reach although they are private. */
    Optional<List<String>> allowedAddresses();

    /** Per tenant id, the networks its deliveries may reach besides. */
    Map<String, Tenant> tenants();

    interface Tenant {

        /** Networks (CIDR) this tenant's deliveries may reach although they are private, e.g. {@code 127.0.0.0/8}. */
        List<String> allowedAddresses();
    }
}
