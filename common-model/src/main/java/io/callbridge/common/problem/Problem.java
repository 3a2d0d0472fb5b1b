package io.callbridge.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer.
 *
 * @param type   a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title  a short summary of that kind
 * @param status the HTTP status
 * @param detail what went wrong this time, for a person
 * @param errors the fields at fault, when the request had any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One field at fault.
     *
     * @param field   the field's path in the request, e.g. {@code parties.customer.raw} or the query parameter
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}
