package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.Recording;
import io.callbridge.index.call.CallKey;
import io.callbridge.index.call.CallRepository;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;
import io.callbridge.index.call.Precedence;
import io.callbridge.index.call.RecordingRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Applies one call event to the index, exactly once, in one transaction. */
@ApplicationScoped
public class CallIndexer {

    private static final Logger LOG = Logger.getLogger(CallIndexer.class);

    private final ProcessedEventRepository processedEvents;
    private final CallRepository calls;
    private final RecordingRepository recordings;

    public CallIndexer(ProcessedEventRepository processedEvents, CallRepository calls, RecordingRepository recordings) {
        this.processedEvents = processedEvents;
        this.calls = calls;
        this.recordings = recordings;
    }

    @WithTransaction
    public Uni<Void> index(CallEvent event) {
        return processedEvents.recordFirstSight(event).chain(firstSight -> {
            if (!firstSight) {
                LOG.debugf("Event %s of call %s was applied before; skipped", event.eventId(), event.callId());
                return Uni.createFrom().voidItem();
            }
            return calls.lockOrCreate(event).chain(call -> apply(event, call));
        });
    }

    private Uni<Void> apply(CallEvent event, IndexedCall call) {
        Precedence precedence = call.precedenceOf(event);
        call.absorb(event, precedence);
        return event.recording() == null
                ? Uni.createFrom().voidItem()
                : addRecording(call.key, event.recording(), precedence);
    }

    private Uni<Void> addRecording(CallKey call, Recording recording, Precedence precedence) {
        return IndexedRecording.locationOf(recording)
                .map(location -> recordings.atLocation(call, location).chain(stored -> {
                    IndexedRecording merged = stored != null ? stored : IndexedRecording.of(call, location);
                    merged.absorb(recording, precedence);
                    return stored != null ? Uni.createFrom().voidItem() : recordings.persist(merged).replaceWithVoid();
                }))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
