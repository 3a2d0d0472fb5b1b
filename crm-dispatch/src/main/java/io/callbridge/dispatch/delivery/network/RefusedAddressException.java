package io.callbridge.dispatch.delivery.network;

/** A CRM's host is one deliveries may not reach, or cannot be resolved. */
public final class RefusedAddressException extends RuntimeException {

    RefusedAddressException(String message) {
        super(message, null, false, false);
    }
}
