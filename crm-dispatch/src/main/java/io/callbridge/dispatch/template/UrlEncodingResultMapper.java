package io.callbridge.dispatch.template;

import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.WithPriority;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes every value put into a CRM URL, so that {@code a&b=c} arrives as one parameter value and a space
 * as {@code %20}, valid in a path as in a query. A value the event does not have renders as nothing, never as
 * {@code null} or {@code NOT_FOUND}.
 */
final class UrlEncodingResultMapper implements ResultMapper {

    @Override
    public int getPriority() {
        // Ahead of every mapper Quarkus registers (HTML and JSON escapers, not-found strategies).
        return WithPriority.DEFAULT_PRIORITY + 100;
    }

    @Override
    public String map(Object result, Expression expression) {
        if (Results.isNotFound(result)) {
            return "";
        }
        return encode(result.toString());
    }

    static String encode(String value) {
        // URLEncoder writes form encoding; a '+' it leaves is a space, as a literal '+' became %2B.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
