package io.callbridge.click2call.pbx;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** The reasons every HTTP-speaking dialer gives when a PBX fails, worded alike. */
public final class PbxReplies {

    /** Enough of a PBX's answer to tell an operator why it refused, not enough to flood a log or a problem body. */
    private static final int EXCERPT_CHARS = 200;

    private PbxReplies() {
    }

    public static String body(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        return body == null ? "" : body;
    }

    /** A non-2xx answer. */
    public static DialOutcome httpError(HttpResponse<Buffer> response) {
        return DialOutcome.failed("The PBX answered HTTP " + response.statusCode() + excerpt(body(response)));
    }

    /** A 2xx answer that says no. */
    public static DialOutcome refused(String why) {
        return DialOutcome.failed("The PBX refused the call" + excerpt(why));
    }

    /** No answer at all: a timeout or a connection that failed. */
    public static DialOutcome unanswered(Throwable failure, Duration timeout) {
        if (failure instanceof TimeoutException || failure instanceof io.smallrye.mutiny.TimeoutException) {
            return DialOutcome.failed("The PBX did not answer within " + timeout.toMillis()
                    + " ms; it may still place the call");
        }
        return DialOutcome.failed("The PBX could not be reached: " + failure.getMessage());
    }

    /** A 502 problem carrying the PBX's reason, for what the PBX refused, failed or did not answer. */
    public static ProblemException badGateway(String reason) {
        return new ProblemException(new Problem("about:blank", "Bad Gateway", 502, reason, List.of()), Map.of());
    }

    public static String excerpt(String body) {
        String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "";
        }
        return ": " + (oneLine.length() > EXCERPT_CHARS ? oneLine.substring(0, EXCERPT_CHARS) + "…" : oneLine);
    }
}
