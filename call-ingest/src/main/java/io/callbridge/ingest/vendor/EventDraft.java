package io.callbridge.ingest.vendor;

import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.EventIds;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.Recording;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.ingest.source.SourceContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an adapter has read of a notification so far; {@link #build} turns it into events of each kind. */
public final class EventDraft {

    /** Marks, in an event's raw map, an event whose enrichment failed: its value says why. */
    public static final String UNENRICHED = "callbridge.unenriched";

    private final SourceContext source;
    private final String callId;
    public Instant startedAt;
    public Instant answeredAt;
    public Instant endedAt;
    public PhoneNumber customer;
    public PhoneNumber did;
    public String extension;
    public String agentId;
    public String employeeId;
    public String station;
    public Direction direction;
    public CallMode mode;
    public Outcome outcome;
    public String completedBy;
    public String releaseCause;
    public Integer queueSeconds;
    public Integer ringSeconds;
    public Integer talkSeconds;
    public Integer totalSeconds;
    public String queueName;
    public String process;
    public String listId;
    public String leadId;
    public String callReferenceId;
    public String disposition;
    public String dialerDisposition;
    public Instant followUpAt;
    public Recording recording;
    public final Map<String, String> raw = new LinkedHashMap<>();

    public EventDraft(SourceContext source, String callId, Map<String, String> vendorFields) {
        this.source = source;
        this.callId = callId;
        raw.putAll(vendorFields);
    }

    public String callId() {
        return callId;
    }

    /**
     * One event of this call.
     *
     * @param kind       what happened
     * @param occurredAt when it happened, in UTC
     * @param identity   the vendor's identity of the event beyond call and kind (a time, an agent): the same
     *                   notification yields the same identity, so its event id is the same however often it comes
     */
    public CallEvent build(CallEventKind kind, Instant occurredAt, Instant identity) {
        return build(kind, occurredAt, identity, null);
    }

    /**
     * One event of this call whose identity also needs a name, e.g. the agent a call was transferred to: the same
     * call answered by two agents is two events.
     */
    public CallEvent build(CallEventKind kind, Instant occurredAt, Instant identity, String identityName) {
        CallEvent event = new CallEvent(CallEvent.SCHEMA_VERSION, null, callId, source.tenant(), source.source(), kind,
                new CallTimes(occurredAt, startedAt, answeredAt, endedAt),
                new CallParties(customer, did, extension, agentId, employeeId, station),
                new CallDetails(direction, mode, outcome, completedBy, releaseCause),
                new CallDurations(queueSeconds, ringSeconds, talkSeconds, totalSeconds),
                new CallContext(queueName, process, listId, leadId, callReferenceId, disposition, dialerDisposition,
                        followUpAt),
                recording, raw);
        String vendorIdentity = identityName == null ? callId : callId + "/" + identityName;
        return event.withEventId(EventIds.of(source.source(), vendorIdentity, kind, identity));
    }
}
