package io.callbridge.index.api;

import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A call as the index stores it, grouped like the canonical call event.
 *
 * @param ids        which call, whose, and the system that reported its newest event
 * @param times      its moments, in UTC
 * @param parties    who took part
 * @param call       direction, mode, outcome, who ended it, release cause
 * @param durations  queue, ring, talk and total seconds
 * @param context    queue, process, list, lead, reference, disposition, follow-up
 * @param recordings its recordings, in the order they became known
 * @param raw        the vendors' fields verbatim, merged across the call's events
 * @param eventCount how many distinct events built this view
 */
public record CallView(
        Ids ids,
        Times times,
        Parties parties,
        CallDetails call,
        CallDurations durations,
        CallContext context,
        List<RecordingView> recordings,
        Map<String, String> raw,
        int eventCount) {

    /**
     * @param callId the vendor's id of the call
     * @param tenant the owner of the call
     * @param source the system and instance that reported the newest event
     */
    public record Ids(String callId, String tenant, CallSource source) {
    }

    /**
     * @param startedAt    when the call started ringing or was dialed
     * @param answeredAt   when a person answered
     * @param endedAt      when the call ended
     * @param firstEventAt when the earliest event of the call happened
     * @param lastEventAt  when the newest event of the call happened
     */
    public record Times(Instant startedAt, Instant answeredAt, Instant endedAt, Instant firstEventAt,
                        Instant lastEventAt) {
    }

    /**
     * @param customer   the outside party
     * @param did        the number the customer dialed, or the number shown on an outbound call
     * @param extension  the agent's extension
     * @param agentId    the agent's login in the contact center
     * @param employeeId the PBX's employee id
     * @param station    the agent's station
     */
    public record Parties(Number customer, Number did, String extension, String agentId, String employeeId,
                          String station) {
    }

    /**
     * @param raw      exactly as received
     * @param e164     the E.164 form, when the number is a real one
     * @param matchKey what lookups by number compare: E.164 when known, else the digits as received
     */
    public record Number(String raw, String e164, String matchKey) {

        static Number of(String raw, String e164, String matchKey) {
            return raw == null ? null : new Number(raw, e164, matchKey);
        }

        static Number of(String raw, String e164) {
            return raw == null ? null : new Number(raw, e164, PhoneNumber.of(raw, e164, null).matchKey());
        }
    }

    /**
     * @param id                the recording's id, for {@code GET /v1/recordings/{id}/media}
     * @param location          full path or URL of the file
     * @param fileName          the file's name alone
     * @param deletionProtected kept from retention, by its events or at a CRM's request
     */
    public record RecordingView(long id, String location, String fileName, Boolean deletionProtected) {
    }

    public static CallView of(IndexedCall call, List<IndexedRecording> recordings) {
        return new CallView(
                new Ids(call.key.callId(), call.key.tenant(), new CallSource(call.sourceSystem, call.sourceInstance)),
                new Times(call.startedAt, call.answeredAt, call.endedAt, call.firstEventAt, call.lastEventAt),
                new Parties(Number.of(call.customerRaw, call.customerE164, call.customerMatchKey),
                        Number.of(call.didRaw, call.didE164),
                        call.extension, call.agentId, call.employeeId, call.station),
                new CallDetails(call.direction, call.mode, call.outcome, call.completedBy, call.releaseCause),
                new CallDurations(call.queueSeconds, call.ringSeconds, call.talkSeconds, call.totalSeconds),
                new CallContext(call.queueName, call.process, call.listId, call.leadId, call.callReferenceId,
                        call.disposition, call.dialerDisposition, call.followUpAt),
                recordings.stream()
                        .map(r -> new RecordingView(r.id, r.location, r.fileName, r.keptFromRetention()))
                        .toList(),
                Map.copyOf(call.raw),
                call.eventCount);
    }
}
