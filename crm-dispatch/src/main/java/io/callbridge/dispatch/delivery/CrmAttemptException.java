package io.callbridge.dispatch.delivery;

/** One attempt failed: the CRM was not reached, did not answer in time, or did not answer 2xx. */
final class CrmAttemptException extends RuntimeException {

    CrmAttemptException(String message) {
        super(message, null, false, false);
    }
}
