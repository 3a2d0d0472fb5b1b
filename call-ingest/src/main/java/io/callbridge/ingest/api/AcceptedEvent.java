package io.callbridge.ingest.api;

import java.util.UUID;

/**
 * The answer to an accepted event: it is durable on Kafka.
 *
 * @param eventId the event's id, derived from its identity when the request had none
 * @param callId  the call it belongs to
 */
public record AcceptedEvent(UUID eventId, String callId) {
}
