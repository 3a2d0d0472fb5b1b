package io.callbridge.ingest.publish;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Puts canonical events on Kafka, keyed by call, and completes only once Kafka acknowledged them. */
@ApplicationScoped
public class CallEventPublisher {

    private static final Logger LOG = Logger.getLogger(CallEventPublisher.class);

    private final MutinyEmitter<CallEvent> emitter;
    private final IngestConfig config;

    public CallEventPublisher(@Channel("call-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                              MutinyEmitter<CallEvent> emitter,
                              IngestConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * @return completes when the event is acknowledged by all in-sync replicas
     * @throws ProblemException 503 (as a failure of the Uni) when Kafka does not acknowledge in time
     */
    public Uni<Void> publish(CallEvent event) {
        Message<CallEvent> message = Message.of(event, Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.partitionKey())
                .build()));
        return emitter.sendMessage(message)
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("Event %s of call %s not acknowledged by Kafka: %s",
                            event.eventId(), event.partitionKey(), failure.toString());
                    return ProblemException.unavailable(
                            "The event could not be stored now; retry later (it will not be duplicated)",
                            config.retryAfter());
                });
    }
}
