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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies call events to the index, each exactly once, a whole batch in one transaction: a fixed number of
 * statements to learn which events are new, lock their calls and read their recordings, the merge in memory, then
 * one insert per new call and one update per changed call (batched by Hibernate) and one insert of the new
 * recordings.
 */
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

    /** Applies the events, in their order, in one transaction: all of them or, on failure, none. */
    @WithTransaction
    public Uni<Void> index(List<CallEvent> events) {
        return processedEvents.recordFirstSights(events).chain(firstSights -> {
            List<CallEvent> fresh = firstOccurrences(events, firstSights);
            if (fresh.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return calls.lockExisting(fresh.stream().map(CallKey::of).toList())
                    .chain(locked -> recordingsOf(fresh).chain(stored -> apply(fresh, locked, stored)));
        });
    }

    /** The new events, each once: a duplicate within the batch shares its id with an event already taken. */
    private static List<CallEvent> firstOccurrences(List<CallEvent> events, Set<UUID> firstSights) {
        Set<UUID> taken = new HashSet<>();
        List<CallEvent> fresh = new ArrayList<>();
        for (CallEvent event : events) {
            if (firstSights.contains(event.eventId()) && taken.add(event.eventId())) {
                fresh.add(event);
            } else {
                LOG.debugf("Event %s of call %s was applied before; skipped", event.eventId(), event.callId());
            }
        }
        return fresh;
    }

    private Uni<Map<RecordingKey, IndexedRecording>> recordingsOf(List<CallEvent> events) {
        List<CallKey> withRecordings = events.stream()
                .filter(event -> event.recording() != null)
                .map(CallKey::of)
                .distinct()
                .toList();
        return recordings.ofCalls(withRecordings).map(found -> {
            Map<RecordingKey, IndexedRecording> byKey = new HashMap<>();
            found.forEach(recording -> byKey.putIfAbsent(RecordingKey.of(recording), recording));
            return byKey;
        });
    }

    private Uni<Void> apply(List<CallEvent> events, Map<CallKey, IndexedCall> locked,
                            Map<RecordingKey, IndexedRecording> stored) {
        List<IndexedRecording> created = new ArrayList<>();
        Map<CallKey, IndexedCall> byKey = new HashMap<>(locked);
        List<IndexedCall> newCalls = new ArrayList<>();
        for (CallEvent event : events) {
            IndexedCall call = byKey.computeIfAbsent(CallKey.of(event), key -> {
                IndexedCall first = IndexedCall.of(key);
                newCalls.add(first);
                return first;
            });
            Precedence precedence = call.precedenceOf(event);
            call.absorb(event, precedence);
            if (event.recording() != null) {
                addRecording(call.key, event.recording(), precedence, stored).ifPresent(created::add);
            }
        }
        // A new call is inserted whole, once, rather than created empty and updated. The calls are written (inserts
        // and updates, batched) before the new recordings, which refer to them; the recordings in one statement, in
        // the order the events named them.
        Uni<Void> persisted = newCalls.isEmpty() ? Uni.createFrom().voidItem() : this.calls.persist(newCalls);
        return persisted
                .chain(this.calls::flush)
                .chain(() -> recordings.insertAll(created))
                .replaceWithVoid();
    }

    /** @return the recording when it is new */
    private static Optional<IndexedRecording> addRecording(CallKey call, Recording recording, Precedence precedence,
                                                           Map<RecordingKey, IndexedRecording> stored) {
        Optional<String> location = IndexedRecording.locationOf(recording);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        RecordingKey key = new RecordingKey(call, location.get());
        IndexedRecording known = stored.get(key);
        IndexedRecording merged = known != null ? known : IndexedRecording.of(call, location.get());
        merged.absorb(recording, precedence);
        if (known != null) {
            return Optional.empty();
        }
        stored.put(key, merged);
        return Optional.of(merged);
    }

    /** A recording is unique per call and location. */
    private record RecordingKey(CallKey call, String location) {
        static RecordingKey of(IndexedRecording recording) {
            return new RecordingKey(new CallKey(recording.tenant, recording.callId), recording.location);
        }
    }
}
