package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Stores a batch of admitted events in one transaction, and isolates the ones that cannot be stored: when an event
 * makes the batch fail by its data (a value PostgreSQL refuses), the batch is stored again one event per transaction,
 * so only that event is given up; when the database is unreachable, the batch is retried with backoff, whole.
 */
@ApplicationScoped
public class CallEventStorage {

    private static final Logger LOG = Logger.getLogger(CallEventStorage.class);

    private final CallIndexer indexer;
    private final StorageRetryConfig retry;

    public CallEventStorage(CallIndexer indexer, StorageRetryConfig retry) {
        this.indexer = indexer;
        this.retry = retry;
    }

    /**
     * @return the events given up, by their position in the list, with the reason; every other event is committed
     */
    public Uni<Map<Integer, Throwable>> store(List<CallEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return withRetries(events)
                .replaceWith(Map.<Integer, Throwable>of())
                .onFailure().recoverWithUni(failure -> {
                    if (StorageFailures.causedByTheData(failure) && events.size() > 1) {
                        LOG.warnf("A batch of %d call events was refused (%s); storing them one by one",
                                events.size(), failure.getMessage());
                        return oneByOne(events);
                    }
                    LOG.errorf(failure, "%d call event(s) not stored after %d retries, to the dead-letter topic",
                            events.size(), retry.maxRetries());
                    return Uni.createFrom().item(IntStream.range(0, events.size()).boxed()
                            .collect(Collectors.toMap(Function.identity(), ignored -> failure)));
                });
    }

    private Uni<Void> withRetries(List<CallEvent> events) {
        return Uni.createFrom().deferred(() -> indexer.index(events))
                .onFailure(StorageFailures::transientFailure).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff()).atMost(retry.maxRetries());
    }

    private Uni<Map<Integer, Throwable>> oneByOne(List<CallEvent> events) {
        Map<Integer, Throwable> givenUp = new ConcurrentHashMap<>();
        return Multi.createFrom().range(0, events.size())
                .onItem().transformToUniAndConcatenate(i -> withRetries(List.of(events.get(i)))
                        .onFailure().invoke(failure -> {
                            LOG.errorf(failure, "Call event %s not stored, to the dead-letter topic",
                                    events.get(i).eventId());
                            givenUp.put(i, failure);
                        })
                        .onFailure().recoverWithNull())
                .collect().last()
                .map(ignored -> Map.copyOf(givenUp));
    }
}
