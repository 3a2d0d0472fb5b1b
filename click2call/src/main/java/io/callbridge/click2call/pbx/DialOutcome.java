package io.callbridge.click2call.pbx;

import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;

import java.time.Instant;

/**
 * What the PBX answered to one dial.
 *
 * @param accepted  whether the PBX took the call and is dialing
 * @param reason    why not, when it did not
 * @param pbxCallId the PBX's id of the call when its answer names one (UIS {@code call_session_id}), else null
 */
public record DialOutcome(boolean accepted, String reason, String pbxCallId) {

    public static DialOutcome dialing() {
        return new DialOutcome(true, null, null);
    }

    public static DialOutcome dialing(String pbxCallId) {
        return new DialOutcome(true, null, pbxCallId);
    }

    public static DialOutcome failed(String reason) {
        return new DialOutcome(false, reason, null);
    }

    /** The request as this outcome leaves it: DIALING, or FAILED with the reason. */
    public DialRequest applyTo(DialRequest request, Instant at) {
        return accepted
                ? request.withStatus(DialStatus.DIALING, null, at)
                : request.withStatus(DialStatus.FAILED, reason, at);
    }
}
