package io.callbridge.dispatch.outbox;

/**
 * An endpoint's state in the outbox.
 *
 * @param enabled        whether deliveries go out to it
 * @param disabledReason why not, when not
 * @param failureStreak  failed attempts in a row
 */
public record EndpointState(boolean enabled, String disabledReason, int failureStreak) {
}
