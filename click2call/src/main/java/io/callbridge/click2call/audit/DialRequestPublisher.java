package io.callbridge.click2call.audit;

import io.callbridge.common.dial.DialRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Puts each state of a dial request on {@code callbridge.dial-requests}, keyed {@code tenant:requestId}. */
@ApplicationScoped
public class DialRequestPublisher {

    private final MutinyEmitter<DialRequest> emitter;

    public DialRequestPublisher(@Channel("dial-requests") MutinyEmitter<DialRequest> emitter) {
        this.emitter = emitter;
    }

    /** Completes once Kafka has acknowledged the record (acks=all), fails if it refused it. */
    public Uni<Void> publish(DialRequest request) {
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(request.partitionKey())
                .build();
        return emitter.sendMessage(Message.of(request).addMetadata(key));
    }
}
