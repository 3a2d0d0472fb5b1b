package io.callbridge.index.call;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.tenant.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.io.Serializable;

/**
 * What identifies a call in the index: the vendor's call id is unique only within its tenant.
 *
 * @param tenant the owner of the call
 * @param callId the vendor's id of the call
 */
@Embeddable
public record CallKey(@Column(name = "tenant") String tenant, @Column(name = "call_id") String callId)
        implements Serializable {

    public static CallKey of(TenantId tenant, String callId) {
        return new CallKey(tenant.value(), callId);
    }

    public static CallKey of(CallEvent event) {
        return of(event.tenant(), event.callId());
    }
}
