package io.callbridge.index.media;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PathPart;

import java.util.Optional;

/** Streams a recording's file from the storage root, whole or a byte range. */
@Path("/v1/recordings")
@Tag(name = "recordings")
public class RecordingMediaResource {

    private final TenantAuthenticator authenticator;
    private final RecordingFiles files;

    public RecordingMediaResource(TenantAuthenticator authenticator, RecordingFiles files) {
        this.authenticator = authenticator;
        this.files = files;
    }

    @GET
    @Path("/{id}/media")
    @Operation(summary = "The recording's file, with HTTP Range support")
    @APIResponse(responseCode = "200", description = "The whole file")
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "404", description = "No such recording of the tenant, or its file is not stored here",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "416", description = "The range lies outside the file")
    public Uni<Response> media(
            @Parameter(description = "Bearer <API key of the tenant>") @HeaderParam(HttpHeaders.AUTHORIZATION)
            String authorization,
            @Parameter(description = "The recording's id, as in the call's recordings") @PathParam("id") String id,
            @Parameter(description = "bytes=first-last, bytes=first- or bytes=-suffix") @HeaderParam("Range")
            String range) {
        TenantId tenant = authenticator.authenticate(authorization);
        long recordingId = idOf(id);
        return files.find(tenant, recordingId).map(file -> answer(file, range));
    }

    private static Response answer(MediaFile file, String rangeHeader) {
        Optional<ByteRange> range;
        try {
            range = ByteRange.of(rangeHeader, file.size());
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + file.size())
                    .header("Accept-Ranges", "bytes").build();
        }
        return range
                .map(part -> Response.status(206)
                        .entity(new PathPart(file.path(), part.first(), part.length()))
                        .header("Content-Range", part.contentRange(file.size())))
                .orElseGet(() -> Response.ok(new PathPart(file.path(), 0, file.size())))
                .type(file.contentType())
                .header("Accept-Ranges", "bytes")
                .build();
    }

    private static long idOf(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("id", "'" + id + "' is not a recording id");
    }
}
