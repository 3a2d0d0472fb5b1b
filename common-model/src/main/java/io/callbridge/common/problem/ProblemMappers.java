package io.callbridge.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
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
        String reason = rootMessage(e);
        if (field.isEmpty()) {
            return badRequest("The body does not have the expected shape: " + reason, List.of());
        }
        return badRequest("Invalid field '" + field + "': " + reason, List.of(new Problem.FieldError(field, reason)));
    }

    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return badRequest("The body is not valid JSON (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ")", List.of());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new ProblemException(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                status.getReasonPhrase(), List.of()), Map.of()).toResponse();
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

    /** The innermost message, without Jackson's location and reference chain, which name our classes. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof JsonMappingException mapping) {
            String message = mapping.getOriginalMessage();
            int classMention = message.indexOf(" of type `");
            return classMention > 0 ? message.substring(0, classMention) : "has the wrong type";
        }
        return root.getMessage() == null ? "is invalid" : root.getMessage();
    }
}
