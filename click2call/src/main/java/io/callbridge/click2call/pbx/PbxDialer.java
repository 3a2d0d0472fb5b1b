package io.callbridge.click2call.pbx;

import io.smallrye.mutiny.Uni;

/**
 * Has a PBX place a call from an agent's phone to a number. One implementation per kind of PBX API, named by
 * {@link #kind()}; each tenant's configuration names the kind it uses ({@link TenantDialers}).
 */
public interface PbxDialer {

    /** The value of {@code callbridge.click2call.tenants.<tenant>.dialer} that picks this dialer. */
    String kind();

    /** Whether this dialer has what it needs to dial for the tenant (its per-tenant settings), checked at start. */
    boolean serves(String tenant);

    /**
     * Asks the PBX once to dial. An originate is never repeated here: a second attempt could ring the customer twice.
     *
     * @return what the PBX said; never a failure for the PBX's own faults (refusal, error, timeout, unreachable),
     *         those are a {@link DialOutcome#failed(String) failed} outcome
     */
    Uni<DialOutcome> dial(PbxCall call);
}
