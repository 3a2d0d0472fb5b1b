package io.callbridge.ingest.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

/**
 * The answer to an accepted event: it is durable on Kafka.
 *
 * @param eventId the event's id, derived from its identity when the request had none
 * @param callId  the call it belongs to
 */
// Jackson writes it where Quarkus cannot see the type: inside a Response entity or a Map (the vendor routes, the
// batch answer) and through EventJson's own mapper (Recall's JSONP answer). A native executable needs it registered.
@RegisterForReflection
public record AcceptedEvent(UUID eventId, String callId) {
}
