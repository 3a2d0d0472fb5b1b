package io.callbridge.index.testing;

import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.EventIds;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.Recording;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Canonical events of one inbound ConVox call of tenant acme, as call-ingest would publish them. */
public final class CallEvents {

    public static final TenantId ACME = TenantId.of("acme");
    public static final TenantId GLOBEX = TenantId.of("globex");
    public static final CallSource PBX = new CallSource(SourceSystem.CONVOX, "tel-aviv-pbx");

    public static final Instant RINGING = Instant.parse("2024-05-01T10:00:00Z");
    public static final Instant ANSWERED = Instant.parse("2024-05-01T10:00:12Z");
    public static final Instant ENDED = Instant.parse("2024-05-01T10:03:20Z");

    private CallEvents() {
    }

    /** A call id no other test uses. */
    public static String newCallId() {
        return "cv-" + UUID.randomUUID();
    }

    /** The call rings at extension 1004: customer, DID, queue and the vendor's fields, no outcome yet. */
    public static CallEvent offered(String callId) {
        return withId(new CallEvent(CallEvent.SCHEMA_VERSION, null, callId, ACME, PBX, CallEventKind.CALL_OFFERED,
                new CallTimes(RINGING, RINGING, null, null),
                new CallParties(PhoneNumber.parse("033004799", "IL"), PhoneNumber.parse("035551234", "IL"), "1004",
                        "agent-7", null, "ST-12"),
                new CallDetails(Direction.INBOUND, null, null, null, null),
                CallDurations.NONE,
                new CallContext("sales", "Inbound Sales", null, null, "REF-1", "ringing", null, null),
                null,
                Map.of("CallerID", "033004799", "QUEUE_NAME", "sales", "STATUS", "RINGING")));
    }

    /** The call ends: outcome, durations, disposition, the recording, and newer vendor fields. */
    public static CallEvent ended(String callId) {
        return withId(new CallEvent(CallEvent.SCHEMA_VERSION, null, callId, ACME, PBX, CallEventKind.CALL_ENDED,
                new CallTimes(ENDED, RINGING, ANSWERED, ENDED),
                new CallParties(null, null, "1004", null, "emp-42", null),
                new CallDetails(Direction.INBOUND, CallMode.MANUAL, Outcome.ANSWERED, "CUSTOMER", "16"),
                new CallDurations(3, 9, 188, 200),
                new CallContext(null, null, "L-3", "LEAD-9", null, "Interested", "ANSWERED",
                        Instant.parse("2024-05-02T09:00:00Z")),
                new Recording("https://rec.example/2024/05/01/" + callId + ".mp3", callId + ".mp3", true),
                Map.of("STATUS", "ENDED", "CALL_DURATION", "188")));
    }

    /** The same event with another disposition and time, but the id of the original: a vendor's resend. */
    public static CallEvent resentAs(CallEvent original, Instant occurredAt, String disposition) {
        CallContext context = original.context();
        return new CallEvent(original.schemaVersion(), original.eventId(), original.callId(), original.tenant(),
                original.source(), original.kind(), CallTimes.at(occurredAt), original.parties(), original.call(),
                original.durations(),
                new CallContext(context.queueName(), context.process(), context.listId(), context.leadId(),
                        context.callReferenceId(), disposition, context.dialerDisposition(), context.followUpAt()),
                original.recording(), original.raw());
    }

    /**
     * A valid event that PostgreSQL refuses every time: its disposition holds a NUL character, which no text column
     * takes.
     */
    public static CallEvent refusedByTheDatabase(String callId) {
        CallEvent offered = offered(callId);
        CallContext context = offered.context();
        return withId(new CallEvent(offered.schemaVersion(), null, callId, offered.tenant(), offered.source(),
                offered.kind(), offered.times(), offered.parties(), offered.call(), offered.durations(),
                new CallContext(context.queueName(), context.process(), context.listId(), context.leadId(),
                        context.callReferenceId(), "bad\u0000disposition", context.dialerDisposition(),
                        context.followUpAt()),
                offered.recording(), offered.raw()));
    }

    /** An event of the call from a later schema than this service knows. */
    public static CallEvent fromTheFuture(String callId) {
        CallEvent ended = ended(callId);
        return new CallEvent(CallEvent.SCHEMA_VERSION + 1, ended.eventId(), callId, ended.tenant(), ended.source(),
                ended.kind(), ended.times(), ended.parties(), ended.call(), ended.durations(), ended.context(),
                ended.recording(), ended.raw());
    }

    private static CallEvent withId(CallEvent event) {
        return event.withEventId(EventIds.of(event));
    }
}
