package io.callbridge.common.kafka;

import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.endpoint.EndpointStatusChanged;
import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Recording;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.tenant.TenantId;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The event contracts are read and written by {@link EventJson}'s own ObjectMapper inside Kafka serdes, where Quarkus
 * cannot see which types Jackson reflects on; a native executable needs them registered. Enums need no entry.
 */
@RegisterForReflection(targets = {
        CallEvent.class, CallSource.class, CallTimes.class, CallParties.class, CallDetails.class, CallDurations.class,
        CallContext.class, Recording.class, PhoneNumber.class, TenantId.class,
        DialRequest.class, EndpointStatusChanged.class,
        Problem.class, Problem.FieldError.class})
final class EventReflection {

    private EventReflection() {
    }
}
