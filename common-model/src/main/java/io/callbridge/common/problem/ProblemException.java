package io.callbridge.common.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** A request that cannot be served, with the problem to answer; thrown by resources, mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private static final int UNREACHABLE_RETRY_AFTER_SECONDS = 5;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(new Problem("about:blank", "Bad Request", 400,
                "Invalid field '" + field + "': " + message, List.of(new Problem.FieldError(field, message))), Map.of());
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(new Problem("about:blank", "Unauthorized", 401, detail, List.of()),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(new Problem("about:blank", "Forbidden", 403, detail, List.of()), Map.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(new Problem("about:blank", "Not Found", 404, detail, List.of()), Map.of());
    }

    /** A dependency (Kafka, the database, a PBX) is not answering; the client may retry after the given seconds. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(new Problem("about:blank", "Service Unavailable", 503, detail, List.of()),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /**
     * A backing service (the database, most often) is not reachable: the client may retry in a few seconds. Which
     * service is not said.
     */
    public static ProblemException unreachable() {
        return unavailable("A service this request needs is not reachable; retry later",
                UNREACHABLE_RETRY_AFTER_SECONDS);
    }

    public Problem problem() {
        return problem;
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(response::header);
        return response.build();
    }
}
