package io.callbridge.dispatch.delivery;

import java.net.URI;

/**
 * A rendered CRM URL. Its user info, path and query may carry credentials, so logs and dead letters name only its
 * origin, and {@link #toString()} is that origin.
 */
final class CrmUrl {

    private final String value;
    private final URI uri;

    CrmUrl(String value) {
        this.value = value;
        this.uri = URI.create(value);
    }

    String value() {
        return value;
    }

    /** {@code https://crm.example:8443}, without user info, path or query. */
    String origin() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The failure described without this URL's path and query, which Vert.x quotes in some messages. */
    String describe(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).replace(value, origin());
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (pathAndQuery.length() > 1) {
            message = message.replace(pathAndQuery, "/…");
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }

    @Override
    public String toString() {
        return origin();
    }
}
