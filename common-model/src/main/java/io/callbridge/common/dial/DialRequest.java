package io.callbridge.common.dial;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A CRM's request to dial, and what became of it; published to {@link io.callbridge.common.kafka.Topics#DIAL_REQUESTS}
 * for audit each time its status changes.
 *
 * @param schemaVersion the version of this shape
 * @param requestId     our id of the request, returned to the CRM
 * @param tenant        the owner
 * @param agent         the agent's extension or agent id
 * @param number        the number to dial
 * @param callerId      the number to show to the called party, if any
 * @param status        where the request stands
 * @param reason        why it failed, when it did
 * @param occurredAt    when it reached this status
 */
public record DialRequest(
        int schemaVersion,
        UUID requestId,
        TenantId tenant,
        String agent,
        PhoneNumber number,
        String callerId,
        DialStatus status,
        String reason,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    /** Where a dial request stands. */
    public enum DialStatus {
        REQUESTED,
        DIALING,
        ANSWERED,
        FAILED,
        ENDED
    }

    @JsonIgnore
    public String partitionKey() {
        return tenant.value() + ":" + requestId;
    }

    public DialRequest withStatus(DialStatus newStatus, String newReason, Instant at) {
        return new DialRequest(schemaVersion, requestId, tenant, agent, number, callerId, newStatus, newReason, at);
    }
}
