package io.callbridge.dispatch.endpoint;

/** An endpoint definition that cannot be delivered to, naming the field at fault. */
public final class InvalidEndpointException extends IllegalArgumentException {

    private final String field;

    InvalidEndpointException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
