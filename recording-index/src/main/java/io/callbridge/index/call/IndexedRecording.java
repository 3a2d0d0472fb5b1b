package io.callbridge.index.call;

import io.callbridge.common.event.Recording;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;

/** A recording of a call; one per file location, however many events mention it. */
@Entity
@Table(name = "recording")
public class IndexedRecording {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;
    public String callId;
    public String location;
    public String fileName;
    public Boolean deletionProtected;
    /** A CRM asked to keep it from retention (RetrieveRecFile's {@code bDeletionProtected}); never undone by events. */
    public boolean protectedOnRequest;

    /** Where a recording is, or empty when the event named no file at all: a file name alone serves as location. */
    public static Optional<String> locationOf(Recording recording) {
        return Optional.ofNullable(recording.location() != null ? recording.location() : recording.fileName());
    }

    /** A recording built by this code (from an event or a row), not loaded by Hibernate. */
    public static IndexedRecording of(CallKey call, String location) {
        IndexedRecording recording = Untracked.entity(new IndexedRecording());
        recording.tenant = call.tenant();
        recording.callId = call.callId();
        recording.location = location;
        return recording;
    }

    /** Kept from retention, whether an event or a CRM asked. */
    public Boolean keptFromRetention() {
        return protectedOnRequest ? Boolean.TRUE : deletionProtected;
    }

    public void absorb(Recording recording, Precedence precedence) {
        fileName = precedence.merge(fileName, recording.fileName());
        deletionProtected = precedence.merge(deletionProtected, recording.deletionProtected());
    }
}
