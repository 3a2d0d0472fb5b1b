package io.callbridge.click2call.pbx;

import io.smallrye.mutiny.Uni;

import java.time.Duration;

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

    /**
     * The longest a {@link #dial(PbxCall)} can take before it settles, all its requests and timeouts counted: a dial
     * request still REQUESTED well after this was left by a service that stopped during the PBX call.
     */
    Duration longestCall();
}
