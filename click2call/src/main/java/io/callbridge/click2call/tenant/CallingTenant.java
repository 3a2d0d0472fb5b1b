package io.callbridge.click2call.tenant;

import io.callbridge.common.tenant.TenantId;
import jakarta.enterprise.context.RequestScoped;

/** The tenant whose API key the current request carries, as {@link TenantFilter} found it. */
@RequestScoped
public class CallingTenant {

    private TenantId tenant;

    void authenticated(TenantId tenant) {
        this.tenant = tenant;
    }

    public TenantId get() {
        if (tenant == null) {
            throw new IllegalStateException("the request was not authenticated: is TenantFilter applied?");
        }
        return tenant;
    }
}
