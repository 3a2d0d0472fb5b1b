package io.callbridge.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns each kind of client error into an RFC 9457 problem naming the field at fault. Deliberately no catch-all:
 * an unexpected exception stays a bare 500 without a body, never a stack trace or a class name.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return badRequest("Invalid field(s): " + fields, errors);
    }

    @ServerExceptionMapper
    public Response unreadableField(JsonMappingException e) {
        String field = pathOf(e);
        String reason = reasonOf(e);
        if (field.isEmpty()) {
            return badRequest("The body does not have the expected shape: " + reason, List.of());
        }
        return badRequest("Invalid field '" + field + "': " + reason, List.of(new Problem.FieldError(field, reason)));
    }

    // Quarkus brings its own mappers for these two; a mapper of the exact type is needed to take precedence.
    @ServerExceptionMapper
    public Response mismatchedField(MismatchedInputException e) {
        return unreadableField(e);
    }

    @ServerExceptionMapper
    public Response uninstantiableField(ValueInstantiationException e) {
        return unreadableField(e);
    }

    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return badRequest("The body is not valid JSON (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ")", List.of());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // Quarkus's JSON reader wraps most body errors in a 400 WebApplicationException; the cause names the field.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableField(mapping);
        }
        if (e.getCause() instanceof JsonParseException parse) {
            return notJson(parse);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new ProblemException(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                status.getReasonPhrase(), List.of()), Map.of()).toResponse();
    }

    /**
     * A connection to a backing service (the database, most often) was refused or lost before the request could be
     * served: the client may retry, so 503 with {@code Retry-After}, never a 500. Which service is not said.
     */
    @ServerExceptionMapper
    public Response unreachable(ConnectException e) {
        return ProblemException.unreachable().toResponse();
    }

    private static Response badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, detail, errors), Map.of())
                .toResponse();
    }

    /** {@code publish.event.parties.customer.raw} → {@code parties.customer.raw}: the method and parameter go. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PROPERTY, CONTAINER_ELEMENT -> names.add(node.getName());
                case PARAMETER -> {
                    names.clear();
                    names.add(node.getName());
                }
                default -> names.clear();
            }
        }
        // A violation on a body parameter names the body, not a field: drop that name when fields follow.
        if (names.size() > 1 && violation.getExecutableParameters() != null) {
            names.remove(0);
        }
        return String.join(".", names);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** What is wrong, in words that name no class of ours: Jackson's own messages do. */
    private static String reasonOf(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            Class<?> target = format.getTargetType();
            if (target.isEnum()) {
                return "'" + format.getValue() + "' is not one of " + Arrays.toString(target.getEnumConstants());
            }
            if (Temporal.class.isAssignableFrom(target)) {
                return "'" + format.getValue() + "' is not an ISO-8601 time such as 2024-03-05T09:41:00Z";
            }
            return "'" + format.getValue() + "' is not a valid " + target.getSimpleName();
        }
        if (e instanceof MismatchedInputException) {
            return "has the wrong type";
        }
        Throwable cause = e.getCause();
        if (cause != null && !(cause instanceof JsonProcessingException) && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return "is invalid";
    }

}
