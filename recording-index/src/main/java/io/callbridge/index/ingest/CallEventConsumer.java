package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Builds the index from the canonical call events. A failed event is nacked, and the channel's dead-letter strategy
 * moves it to {@code callbridge.call-events.dlq.recording-index}: a record that cannot even be read takes that path
 * before reaching this method, so no poison record blocks its partition.
 */
@ApplicationScoped
public class CallEventConsumer {

    private static final Logger LOG = Logger.getLogger(CallEventConsumer.class);

    private final CallEventAdmission admission;
    private final CallIndexer indexer;
    private final StorageRetryConfig retry;

    public CallEventConsumer(CallEventAdmission admission, CallIndexer indexer, StorageRetryConfig retry) {
        this.admission = admission;
        this.indexer = indexer;
        this.retry = retry;
    }

    @Incoming("call-events")
    public Uni<Void> consume(CallEvent event) {
        try {
            return store(admission.admit(event));
        } catch (RejectedCallEvent rejection) {
            LOG.warnf("Call event rejected, to the dead-letter topic: %s", rejection.getMessage());
            return Uni.createFrom().failure(rejection);
        }
    }

    private Uni<Void> store(CallEvent event) {
        return Uni.createFrom().deferred(() -> indexer.index(event))
                .onFailure().retry().withBackOff(retry.initialBackoff(), retry.maxBackoff()).atMost(retry.maxRetries())
                .onFailure().invoke(failure -> LOG.errorf(failure,
                        "Call event %s not stored after %d retries, to the dead-letter topic", event.eventId(),
                        retry.maxRetries()));
    }
}
