package io.callbridge.index.testing;

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
import io.callbridge.common.tenant.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A whole call in one {@code CALL_ENDED} event, built field by field: the search tests' data. */
public final class EndedCall {

    private TenantId tenant = CallEvents.ACME;
    private String callId = CallEvents.newCallId();
    private String customer = "033004799";
    private String did;
    private String extension = "1004";
    private String agentId;
    private String employeeId;
    private Instant startedAt = CallEvents.RINGING;
    private Duration length = Duration.ofSeconds(200);
    private boolean answered = true;
    private Direction direction = Direction.INBOUND;
    private CallMode mode;
    private Outcome outcome = Outcome.ANSWERED;
    private String disposition;
    private String callReferenceId;
    private String recording;
    private String releaseCause;
    private boolean recordingProtected;

    public static EndedCall of() {
        return new EndedCall();
    }

    /** A national Tel Aviv number (03 and seven digits) no other test uses, with high probability. */
    public static String uniqueTelAvivNumber() {
        return "03" + (5_000_000 + ThreadLocalRandom.current().nextInt(4_000_000));
    }

    /** An extension no other test uses. */
    public static String uniqueExtension() {
        return "x" + ThreadLocalRandom.current().nextInt(1_000_000_000);
    }

    public String callId() {
        return callId;
    }

    public EndedCall callId(String value) { callId = value; return this; }
    public EndedCall tenant(TenantId value) { tenant = value; return this; }
    public EndedCall customer(String value) { customer = value; return this; }
    public EndedCall did(String value) { did = value; return this; }
    public EndedCall extension(String value) { extension = value; return this; }
    public EndedCall agent(String value) { agentId = value; return this; }
    public EndedCall employee(String value) { employeeId = value; return this; }
    public EndedCall startedAt(Instant value) { startedAt = value; return this; }
    public EndedCall startedAt(String value) { startedAt = Instant.parse(value); return this; }
    public EndedCall lasting(Duration value) { length = value; return this; }
    public EndedCall direction(Direction value) { direction = value; return this; }
    public EndedCall mode(CallMode value) { mode = value; return this; }
    public EndedCall disposition(String value) { disposition = value; return this; }
    public EndedCall reference(String value) { callReferenceId = value; return this; }
    public EndedCall recording(String location) { recording = location; return this; }
    public EndedCall releaseCause(String value) { releaseCause = value; return this; }
    public EndedCall protectedRecording() { recordingProtected = true; return this; }

    /** Nobody answered: no answer time, no talk. */
    public EndedCall missed() {
        answered = false;
        outcome = Outcome.MISSED;
        return this;
    }

    public CallEvent event() {
        Instant endedAt = startedAt.plus(length);
        int total = (int) length.toSeconds();
        int ring = Math.min(5, total);
        CallEvent event = new CallEvent(CallEvent.SCHEMA_VERSION, null, callId, tenant, CallEvents.PBX,
                CallEventKind.CALL_ENDED,
                new CallTimes(endedAt, startedAt, answered ? startedAt.plusSeconds(ring) : null, endedAt),
                new CallParties(customer == null ? null : PhoneNumber.parse(customer, "IL"),
                        did == null ? null : PhoneNumber.parse(did, "IL"), extension, agentId, employeeId, null),
                new CallDetails(direction, mode, outcome, null, releaseCause),
                new CallDurations(0, ring, answered ? total - ring : 0, total),
                new CallContext(null, null, null, null, callReferenceId, disposition, null, null),
                recording == null ? null : new Recording(recording, recording.substring(recording.lastIndexOf('/') + 1),
                        recordingProtected),
                Map.of("CALL_DURATION", Integer.toString(total)));
        return event.withEventId(EventIds.of(event));
    }

    /** Publishes the call and waits until the index serves it. */
    public EndedCall indexedThrough(TestKafka kafka) {
        kafka.publish(event());
        Api.awaitCall(tenant.equals(CallEvents.ACME) ? Api.ACME_KEY : Api.GLOBEX_KEY, callId, Api.eventCount(1));
        return this;
    }
}
