package io.callbridge.click2call.pbx;

import io.callbridge.common.dial.DialRequest;
import io.smallrye.mutiny.Uni;

/**
 * Has a PBX place a call from an agent's phone to a number. One implementation per kind of PBX API; the one in use
 * is chosen by {@code callbridge.click2call.dialer} (each implementation carries a matching {@code @LookupIfProperty}).
 */
public interface PbxDialer {

    /**
     * Asks the PBX once to dial. An originate is never repeated here: a second attempt could ring the customer twice.
     *
     * @return what the PBX said; never a failure for the PBX's own faults (refusal, error, timeout, unreachable),
     *         those are a {@link DialOutcome#failed(String) failed} outcome
     */
    Uni<DialOutcome> dial(DialRequest request);
}
