package io.callbridge.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.callbridge.common.tenant.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The canonical call event: one thing that happened to one call, whatever system reported it.
 * Every event of one call shares {@link #partitionKey()}, so each consumer sees a call in order.
 *
 * @param schemaVersion the version of this shape; consumers reject versions newer than they know
 * @param eventId       deterministic id derived from the vendor's identity of the event ({@link EventIds})
 * @param callId        the vendor's id of the call (ConvoxID, activecallkey, call_session_id, ...)
 * @param tenant        the owner of the call
 * @param source        the system and instance that reported it
 * @param kind          what happened
 * @param times         when, in UTC
 * @param parties       who took part
 * @param call          direction, mode, outcome, who ended it, release cause
 * @param durations     queue, ring, talk and total seconds
 * @param context       queue, process, list, lead, reference, disposition, follow-up
 * @param recording     the recording, if there is one
 * @param raw           the vendor's fields verbatim, so a CRM template can use the vendor's names
 */
public record CallEvent(
        int schemaVersion,
        @NotNull UUID eventId,
        @NotBlank @Size(max = 128) String callId,
        @NotNull TenantId tenant,
        @NotNull @Valid CallSource source,
        @NotNull CallEventKind kind,
        @NotNull @Valid CallTimes times,
        @Valid CallParties parties,
        CallDetails call,
        @Valid CallDurations durations,
        CallContext context,
        Recording recording,
        Map<String, String> raw) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public CallEvent {
        parties = Objects.requireNonNullElse(parties, CallParties.NONE);
        call = Objects.requireNonNullElse(call, CallDetails.NONE);
        durations = Objects.requireNonNullElse(durations, CallDurations.NONE);
        context = Objects.requireNonNullElse(context, CallContext.NONE);
        raw = raw == null ? Map.of() : Map.copyOf(raw);
    }

    /** The Kafka key: every event of one call goes to one partition. */
    @JsonIgnore
    public String partitionKey() {
        return partitionKey(tenant, callId);
    }

    public static String partitionKey(TenantId tenant, String callId) {
        return tenant.value() + ":" + callId;
    }

    /** This event with the given id, e.g. once {@link EventIds} derived it. */
    public CallEvent withEventId(UUID id) {
        return new CallEvent(schemaVersion, id, callId, tenant, source, kind, times, parties, call, durations,
                context, recording, raw);
    }
}
