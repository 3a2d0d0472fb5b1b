package io.callbridge.dispatch.template;

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
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.Recording;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The event a template is checked against: every field set, so any placeholder that names a field resolves. */
final class SampleCallEvent {

    static final CallEvent EVERY_FIELD_SET = everyFieldSet();

    private SampleCallEvent() {
    }

    private static CallEvent everyFieldSet() {
        Instant at = Instant.parse("2024-03-05T09:41:00Z");
        PhoneNumber customer = PhoneNumber.of("033004799", "+97233004799", PhoneNumber.Type.E164);
        PhoneNumber did = PhoneNumber.of("035551234", "+97235551234", PhoneNumber.Type.E164);
        return new CallEvent(
                CallEvent.SCHEMA_VERSION,
                UUID.fromString("00000000-0000-5000-8000-000000000000"),
                "sample-call",
                TenantId.of("sample"),
                new CallSource(SourceSystem.CONVOX, "sample-pbx"),
                CallEventKind.CALL_ENDED,
                new CallTimes(at, at.minusSeconds(30), at.minusSeconds(20), at),
                new CallParties(customer, did, "777", "agent-1", "employee-1", "station-1"),
                new CallDetails(Direction.INBOUND, CallMode.MANUAL, Outcome.ANSWERED, "AGENT", "16"),
                new CallDurations(5, 10, 20, 35),
                new CallContext("support", "inbound-sales", "list-1", "lead-1", "ref-1", "SALE", "ANSWERED",
                        at.plusSeconds(3600)),
                new Recording("https://recordings.example/sample.wav", "sample.wav", true),
                Map.of("sample", "value"));
    }
}
