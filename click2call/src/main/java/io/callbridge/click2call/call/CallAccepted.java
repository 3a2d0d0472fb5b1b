package io.callbridge.click2call.call;

import io.callbridge.common.dial.DialRequest.DialStatus;

import java.util.UUID;

/**
 * The answer to an accepted click to call.
 *
 * @param requestId our id of the request, the key of its records on {@code callbridge.dial-requests}
 * @param status    DIALING: the PBX took the call; for a repeated click, where the earlier request stands
 */
public record CallAccepted(UUID requestId, DialStatus status) {
}
