package io.callbridge.dispatch.outbox;

import io.callbridge.common.event.CallEvent;

import java.util.Optional;

/**
 * A delivery the worker claimed: it is leased to this instance until it records the attempt's outcome.
 *
 * @param id        the outbox row
 * @param endpoint  the endpoint's name
 * @param attempt   the number of this attempt, from 1
 * @param event     the event to deliver; null only while the worker holds the delivery by id, before claiming it
 * @param overtakes whether an earlier delivery of the same call to the same endpoint is still pending: this one
 *                  waited as long as it may
 * @param traceparent the W3C trace context of the Kafka record that carried the event
 */
public record DueDelivery(long id, String endpoint, int attempt, CallEvent event, boolean overtakes,
                          Optional<String> traceparent) {
}
