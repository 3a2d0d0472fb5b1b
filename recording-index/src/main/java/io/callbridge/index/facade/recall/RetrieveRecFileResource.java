package io.callbridge.index.facade.recall;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.search.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recall's (Jusan) recording lookup web service, at the path of its sample, in JSON and JSONP. The answer is the
 * ASP.NET page method envelope {@code {"d": "<full path>"}} that a {@code Recording.aspx/RetrieveRecFile} URL gives,
 * with an empty string when no recording matches.
 */
@Path("/RecallIPInterfaceWS/JSONP/Recording.aspx")
@Tag(name = "Recall")
public class RetrieveRecFileResource {

    static final String JAVASCRIPT = "application/javascript";
    /** A plain identifier: no dots, brackets or parentheses, so a callback can only name a function. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,127}");

    private final TenantAuthenticator authenticator;
    private final RecallLookup lookup;

    public RetrieveRecFileResource(TenantAuthenticator authenticator, RecallLookup lookup) {
        this.authenticator = authenticator;
        this.lookup = lookup;
    }

    @GET
    @Path("/RetrieveRecFile")
    @Operation(summary = "The full path of the recording of a call on an extension at a time, or an empty string")
    @APIResponse(responseCode = "200", description = "{\"d\": path}; as a call of the callback when one is given",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON), @Content(mediaType = JAVASCRIPT)})
    @APIResponse(responseCode = "400", description = "A parameter is missing or malformed; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No API key, or an unknown one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> retrieveRecFile(
            @Parameter(description = "Bearer <API key of the tenant>") @HeaderParam(HttpHeaders.AUTHORIZATION)
            String authorization,
            @Parameter(description = "The agent's extension") @QueryParam("sExtension") String sExtension,
            @Parameter(description = "'yyyy-MM-dd HH:mm:ss' in the PBX's time zone, with or without double quotes")
            @QueryParam("dtCallDateTime") String dtCallDateTime,
            @Parameter(description = "The other party's number, in any form (optional)") @QueryParam("sPhoneNumber")
            String sPhoneNumber,
            @Parameter(description = "true: keep the recording found from retention") @QueryParam("bDeletionProtected")
            String bDeletionProtected,
            @Parameter(description = "json (the only format served here)") @QueryParam("format") String format,
            @Parameter(description = "JSONP: the name of the function to call with the answer")
            @QueryParam("callback") String callback) {
        TenantId tenant = authenticator.authenticate(authorization);
        Optional<String> jsonp = callbackOf(callback);
        boolean protect = Boolean.TRUE.equals(
                Parameters.bool("bDeletionProtected", RecallLookup.unquoted(bDeletionProtected)));
        if (format != null && !format.isBlank()
                && !"json".equals(RecallLookup.unquoted(format).toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest("format", "'" + format + "' is not served here; only json is");
        }
        return lookup.retrieveRecFile(tenant, sExtension, dtCallDateTime, sPhoneNumber, protect)
                .map(path -> answer(path, jsonp));
    }

    private Response answer(String path, Optional<String> callback) {
        String body = envelope(path);
        return callback
                .map(name -> Response.ok("/**/" + name + "(" + body + ");", JAVASCRIPT + ";charset=UTF-8")
                        .header("X-Content-Type-Options", "nosniff"))
                .orElseGet(() -> Response.ok(body, MediaType.APPLICATION_JSON))
                .build();
    }

    /** Written by hand: the hot path of every Recall client, and an object mapper per answer costs more. */
    private static String envelope(String path) {
        String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(path));
        // U+2028 and U+2029 are valid in JSON but end a line in older JavaScript: escaped for JSONP.
        if (quoted.indexOf('\u2028') >= 0 || quoted.indexOf('\u2029') >= 0) {
            quoted = quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        }
        return "{\"d\":\"" + quoted + "\"}";
    }

    private static Optional<String> callbackOf(String callback) {
        if (callback == null || callback.isEmpty()) {
            return Optional.empty();
        }
        if (!IDENTIFIER.matcher(callback).matches()) {
            throw ProblemException.badRequest("callback", "must be a plain JavaScript identifier such as handleRecording");
        }
        return Optional.of(callback);
    }

}
