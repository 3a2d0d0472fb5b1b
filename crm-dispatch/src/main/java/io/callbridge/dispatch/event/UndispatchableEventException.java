package io.callbridge.dispatch.event;

/** A record on the call events topic that is no event this service can dispatch; it goes to the dead letters. */
final class UndispatchableEventException extends RuntimeException {

    UndispatchableEventException(String message) {
        super(message, null, false, false);
    }
}
