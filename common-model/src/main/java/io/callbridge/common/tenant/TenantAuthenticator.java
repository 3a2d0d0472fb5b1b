package io.callbridge.common.tenant;

import io.callbridge.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Finds the tenant of a request from its {@code Authorization: Bearer <api key>} header. */
@ApplicationScoped
public class TenantAuthenticator {

    private static final String BEARER = "bearer ";

    private final Map<String, TenantId> tenantByKeyHash = new HashMap<>();

    public TenantAuthenticator(TenantKeysConfig config) {
        config.tenants().forEach((tenant, keys) -> keys.apiKeySha256()
                .forEach(hash -> tenantByKeyHash.put(hash.trim().toLowerCase(Locale.ROOT), TenantId.of(tenant))));
    }

    /**
     * @param authorization the request's {@code Authorization} header, may be null
     * @return the tenant whose key it is
     * @throws ProblemException 401 when the header is missing or the key unknown
     */
    public TenantId authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ProblemException.unauthorized("An API key is required: send 'Authorization: Bearer <key>'");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ProblemException.unauthorized("Only 'Authorization: Bearer <key>' is accepted");
        }
        TenantId tenant = tenantByKeyHash.get(SecretHashes.sha256Hex(authorization.substring(BEARER.length()).trim()));
        if (tenant == null) {
            throw ProblemException.unauthorized("The API key is not known");
        }
        return tenant;
    }

    /** @throws ProblemException 403 when the data names another tenant than the key's */
    public void requireSame(TenantId authenticated, TenantId claimed) {
        if (!authenticated.equals(claimed)) {
            throw ProblemException.forbidden("This API key may not act for tenant '" + claimed + "'");
        }
    }

}
