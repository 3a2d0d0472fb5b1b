package io.callbridge.click2call.call;

import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A dial request as stored: where it stands, and what the PBX's call events are matched against. */
@Entity
@Table(name = "dial_request")
public class DialRecord {

    @Id
    public UUID requestId;
    public String tenant;
    public String agent;
    public String pbxAgent;
    public String numberRaw;
    public String numberE164;
    public String callerId;
    @Enumerated(EnumType.STRING)
    public DialStatus status;
    public String reason;
    public String pbxCallId;
    public Instant requestedAt;
    public Instant updatedAt;
    /** The W3C trace context the CRM sent with the request, carried on its audit records; or null. */
    public String traceparent;

    static DialRecord of(DialRequest request, String pbxAgent) {
        DialRecord record = new DialRecord();
        record.requestId = request.requestId();
        record.tenant = request.tenant().value();
        record.agent = request.agent();
        record.pbxAgent = pbxAgent;
        record.numberRaw = request.number().raw();
        record.numberE164 = request.number().e164();
        record.callerId = request.callerId();
        record.status = request.status();
        record.reason = request.reason();
        record.requestedAt = request.occurredAt();
        record.updatedAt = request.occurredAt();
        return record;
    }

    /** The record as published on {@code callbridge.dial-requests}. */
    public DialRequest toDialRequest() {
        return new DialRequest(DialRequest.SCHEMA_VERSION, requestId, TenantId.of(tenant), agent,
                new PhoneNumber(numberRaw, numberE164, PhoneNumber.Type.E164), callerId, status, reason, updatedAt);
    }
}
