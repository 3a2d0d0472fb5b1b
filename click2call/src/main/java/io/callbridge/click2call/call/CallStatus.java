package io.callbridge.click2call.call;

import io.callbridge.common.dial.DialRequest.DialStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a dial request stands.
 *
 * @param requestId   our id of the request
 * @param status      REQUESTED, DIALING, ANSWERED, ENDED, or FAILED
 * @param reason      why it failed, when it did
 * @param agent       the agent, as the CRM named it
 * @param number      the number, as the CRM sent it
 * @param requestedAt when the CRM asked
 * @param updatedAt   when the status last changed
 */
public record CallStatus(UUID requestId, DialStatus status, String reason, String agent, String number,
                         Instant requestedAt, Instant updatedAt) {

    static CallStatus of(DialRecord record) {
        return new CallStatus(record.requestId, record.status, record.reason, record.agent, record.numberRaw,
                record.requestedAt, record.updatedAt);
    }
}
