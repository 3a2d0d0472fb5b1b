package io.callbridge.click2call.pbx;

import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;

import java.time.Instant;

/**
 * What the PBX answered to one dial.
 *
 * @param accepted whether the PBX took the call and is dialing
 * @param reason   why not, when it did not
 */
public record DialOutcome(boolean accepted, String reason) {

    public static DialOutcome dialing() {
        return new DialOutcome(true, null);
    }

    public static DialOutcome failed(String reason) {
        return new DialOutcome(false, reason);
    }

    /** The request as this outcome leaves it: DIALING, or FAILED with the reason. */
    public DialRequest applyTo(DialRequest request, Instant at) {
        return accepted
                ? request.withStatus(DialStatus.DIALING, null, at)
                : request.withStatus(DialStatus.FAILED, reason, at);
    }
}
