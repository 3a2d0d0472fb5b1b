package io.callbridge.dispatch.delivery;

/**
 * No attempt to deliver an event to a CRM succeeded. Its message becomes the dead letter's reason, so it names
 * the CRM by its origin only.
 */
public final class CrmDeliveryException extends RuntimeException {

    CrmDeliveryException(String message) {
        super(message, null, false, false);
    }
}
