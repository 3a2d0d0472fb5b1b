package io.callbridge.click2call.audit;

import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.trace.TraceParent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/** Puts each state of a dial request on {@code callbridge.dial-requests}, keyed {@code tenant:requestId}. */
@ApplicationScoped
public class DialRequestPublisher {

    private final MutinyEmitter<DialRequest> emitter;

    public DialRequestPublisher(@Channel("dial-requests") MutinyEmitter<DialRequest> emitter) {
        this.emitter = emitter;
    }

    /** Completes once Kafka has acknowledged the record (acks=all), fails if it refused it. */
    public Uni<Void> publish(DialRequest request) {
        return publish(request, null);
    }

    /**
     * {@link #publish(DialRequest)} with the W3C {@code traceparent} of the request's trace as a record header.
     *
     * @param traceparent the CRM's {@code traceparent}, or null for none
     */
    public Uni<Void> publish(DialRequest request, String traceparent) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(request.partitionKey());
        if (traceparent != null) {
            metadata.withHeaders(new RecordHeaders().add(TraceParent.HEADER,
                    traceparent.getBytes(StandardCharsets.US_ASCII)));
        }
        return emitter.sendMessage(Message.of(request).addMetadata(metadata.build()));
    }
}
