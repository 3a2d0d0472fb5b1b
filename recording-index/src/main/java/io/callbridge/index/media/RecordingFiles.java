package io.callbridge.index.media;

import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.call.IndexedRecording;
import io.callbridge.index.call.RecordingRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Finds a tenant's recording file under the storage root; nothing outside the root is ever served. */
@ApplicationScoped
public class RecordingFiles {

    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    private static final Map<String, String> TYPES = Map.of(
            "wav", "audio/wav", "mp3", "audio/mpeg", "ogg", "audio/ogg", "opus", "audio/ogg",
            "gsm", "audio/gsm", "m4a", "audio/mp4", "webm", "audio/webm", "flac", "audio/flac");

    private final RecordingRepository recordings;
    private final MediaConfig config;

    public RecordingFiles(RecordingRepository recordings, MediaConfig config) {
        this.recordings = recordings;
        this.config = config;
    }

    /** @throws ProblemException 404 when the tenant has no such recording or its file is not in the storage */
    public Uni<MediaFile> find(TenantId tenant, long recordingId) {
        Path root = config.storageRoot().orElseThrow(() ->
                ProblemException.notFound("This service has no recording storage configured"));
        return recordings.byId(tenant, recordingId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No recording " + recordingId))
                // Resolving symbolic links and reading the file's attributes are blocking calls of java.nio with no
                // non-blocking form: they run on the worker pool, after the database session has ended.
                .chain(recording -> Uni.createFrom().item(() -> inRoot(root, recording))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private static MediaFile inRoot(Path configuredRoot, IndexedRecording recording) {
        String location = recording.location;
        if (URL.matcher(location).matches()) {
            throw ProblemException.notFound("Recording " + recording.id + " is not stored here but at its URL");
        }
        try {
            Path root = configuredRoot.toRealPath();
            Path given = Path.of(location);
            Path candidate = (given.isAbsolute() && given.normalize().startsWith(root)
                    ? given : root.resolve(location.replaceFirst("^[/\\\\]+", ""))).normalize();
            if (!candidate.startsWith(root)) {
                throw notInStorage(recording);
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw notInStorage(recording);
            }
            return new MediaFile(real, Files.size(real), contentTypeOf(real));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw notInStorage(recording);
        }
    }

    private static ProblemException notInStorage(IndexedRecording recording) {
        return ProblemException.notFound("The file of recording " + recording.id + " is not in the storage");
    }

    private static String contentTypeOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
