package io.callbridge.click2call.tenant;

import io.callbridge.common.tenant.TenantAuthenticator;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every request of the {@code /v1} API by its {@code Authorization: Bearer <key>} before its body is read or validated,
 * so that a caller without a valid key learns nothing but 401.
 */
public class TenantFilter {

    /** The API this filter guards; the vendor-compatible paths authenticate as their vendor's document says. */
    private static final String API_PATH = "/v1/";

    private final TenantAuthenticator authenticator;
    private final CallingTenant callingTenant;

    public TenantFilter(TenantAuthenticator authenticator, CallingTenant callingTenant) {
        this.authenticator = authenticator;
        this.callingTenant = callingTenant;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(API_PATH)) {
            return;
        }
        callingTenant.authenticated(authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }
}
