package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.template.BodyFormat;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's CRM endpoint as the API takes it. Everything but the name and the URL template has a default.
 *
 * @param name          unique within the tenant
 * @param urlTemplate   the URL to GET per event, a Qute template over the call event (values URL-encoded)
 * @param kinds         the kinds of event it wants; every kind when absent
 * @param filters       event fields and the value each must have, e.g. {@code call.direction: INBOUND}
 * @param timeout       per attempt, e.g. {@code 5s}, {@code 500ms}
 * @param successBody   a regular expression the body of a 2xx answer must contain for the delivery to count
 * @param concurrency   the most requests under way to it at once
 * @param rateLimit     the most requests to it per second; no limit when absent
 * @param retrySchedule the delay before each attempt, e.g. {@code [0s, 5s, 30s]}
 * @param retryJitter   the random addition to each delay, as a fraction of it
 * @param preset        the request shape of one vendor's document, by name; a GET of the URL template when absent
 * @param settings      the preset's own settings (a client id, an API key, signing secrets)
 * @param bodyTemplate  without a preset: a Qute template of a body to POST, values escaped for its format
 * @param bodyFormat    FORM, JSON (JSON-RPC too) or XML (a SOAP envelope)
 * @param headers       fixed headers of each request, such as a SOAPAction
 */
@Schema(name = "EndpointDefinition")
public record EndpointDefinition(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String name,
        @NotBlank @Size(max = 4096) String urlTemplate,
        Set<CallEventKind> kinds,
        Map<String, String> filters,
        String timeout,
        @Size(max = 1024) String successBody,
        @Min(1) @Max(1024) Integer concurrency,
        @Min(1) @Max(100000) Integer rateLimit,
        @Size(min = 1, max = 50) List<String> retrySchedule,
        @DecimalMin("0") @DecimalMax("1") Double retryJitter,
        String preset,
        Map<String, String> settings,
        @Size(max = 65536) String bodyTemplate,
        BodyFormat bodyFormat,
        Map<String, String> headers) {

    public EndpointDefinition {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
