package io.callbridge.dispatch.testing;

import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Call events, of tenant acme unless told otherwise, each with its own id. */
public final class TestEvents {

    public static final PhoneNumber CUSTOMER = PhoneNumber.of("033004799", "+97233004799", PhoneNumber.Type.E164);

    private TestEvents() {
    }

    public static String newCallId() {
        return "call-" + UUID.randomUUID();
    }

    /** An event of a FixDigital call from {@link #CUSTOMER} to extension 777. */
    public static CallEvent event(String callId, CallEventKind kind) {
        return event(callId, kind, new CallParties(CUSTOMER, null, "777", null, null, null));
    }

    public static CallEvent event(String callId, CallEventKind kind, CallParties parties) {
        return event(TenantId.of("acme"), callId, kind, parties);
    }

    /** An event of another tenant, such as the one a {@link TestEndpoint} wants. */
    public static CallEvent event(TenantId tenant, String callId, CallEventKind kind) {
        return event(tenant, callId, kind, new CallParties(CUSTOMER, null, "777", null, null, null));
    }

    public static CallEvent event(TenantId tenant, String callId, CallEventKind kind, CallParties parties) {
        return new CallEvent(CallEvent.SCHEMA_VERSION, UUID.randomUUID(), callId, tenant,
                new CallSource(SourceSystem.FIXDIGITAL, "tlv"), kind, CallTimes.at(Instant.now()), parties,
                new CallDetails(Direction.INBOUND, null, null, null, null), null, null, null,
                Map.of("operation", "incomingCall", "sExt", "777"));
    }
}
