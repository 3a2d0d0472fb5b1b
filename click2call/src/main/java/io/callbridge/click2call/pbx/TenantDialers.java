package io.callbridge.click2call.pbx;

import io.callbridge.click2call.call.CallConfig;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Picks each tenant's PBX dialer and maps its agents to the PBX's ids, as configured under
 * {@code callbridge.click2call.tenants}. A tenant naming a dialer that does not exist, or one without its settings,
 * stops the application at start.
 */
@Singleton
public class TenantDialers {

    private final Map<String, PbxDialer> byKind;
    private final CallConfig config;
    private final PbxDialer fallback;

    public TenantDialers(@Any Instance<PbxDialer> dialers, CallConfig config) {
        this.byKind = dialers.stream().collect(Collectors.toUnmodifiableMap(PbxDialer::kind, Function.identity()));
        this.config = config;
        this.fallback = dialer(config.dialer(), "callbridge.click2call.dialer");
        config.tenants().forEach((tenant, pbx) -> {
            PbxDialer dialer = dialer(pbx.dialer(), "callbridge.click2call.tenants." + tenant + ".dialer");
            if (!dialer.serves(tenant)) {
                throw new IllegalStateException("Tenant " + tenant + " dials through " + pbx.dialer()
                        + " but has no settings under callbridge.click2call." + pbx.dialer() + ".tenants." + tenant);
            }
        });
    }

    private PbxDialer dialer(String kind, String property) {
        PbxDialer dialer = byKind.get(kind);
        if (dialer == null) {
            throw new IllegalStateException(property + "=" + kind + " names no dialer; there are " + byKind.keySet());
        }
        return dialer;
    }

    /**
     * The call for the PBX: the request's agent as the PBX knows it.
     *
     * @throws ProblemException 403 when the agent is not one of the tenant's
     */
    public PbxCall callFor(DialRequest request) {
        return new PbxCall(request, pbxAgent(request.tenant(), request.agent()));
    }

    /**
     * The agent as the tenant's PBX knows it.
     *
     * @throws ProblemException 403 when the agent is not one of the tenant's
     */
    public String pbxAgent(TenantId tenant, String agent) {
        CallConfig.TenantPbx pbx = config.tenants().get(tenant.value());
        if (pbx == null) {
            return agent;
        }
        String pbxAgent = pbx.agents().get(agent);
        if (pbxAgent == null) {
            throw ProblemException.forbidden("Agent '" + agent + "' is not an agent of tenant " + tenant.value());
        }
        return pbxAgent;
    }

    /** The longest a {@link PbxDialer#dial(PbxCall)} of a dialer in use (a tenant's, or the default) can take. */
    public Duration longestCall() {
        Stream<PbxDialer> tenants = config.tenants().values().stream().map(pbx -> byKind.get(pbx.dialer()));
        return Stream.concat(Stream.of(fallback), tenants).map(PbxDialer::longestCall).max(Duration::compareTo)
                .orElseThrow();
    }

    public Uni<DialOutcome> dial(PbxCall call) {
        CallConfig.TenantPbx pbx = config.tenants().get(call.request().tenant().value());
        return (pbx == null ? fallback : byKind.get(pbx.dialer())).dial(call);
    }
}
