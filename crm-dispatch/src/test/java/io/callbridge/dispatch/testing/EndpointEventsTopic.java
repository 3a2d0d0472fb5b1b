package io.callbridge.dispatch.testing;

import io.callbridge.common.endpoint.EndpointStatusChanged;
import io.callbridge.common.kafka.EndpointStatusChangedDeserializer;
import io.callbridge.common.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.function.Predicate;

/** Reads {@code callbridge.endpoint-events} from its beginning, as an operator's consumer would. */
public final class EndpointEventsTopic extends TopicReader<EndpointStatusChanged> {

    public EndpointEventsTopic() {
        super(Topics.ENDPOINT_EVENTS, new EndpointStatusChangedDeserializer());
    }

    /** The changes of one endpoint, in the order they were published. */
    public List<EndpointStatusChanged> of(String tenant, String endpointId) {
        return all().stream().map(ConsumerRecord::value)
                .filter(event -> event.tenant().value().equals(tenant) && event.endpointId().equals(endpointId))
                .toList();
    }

    /** The first change that matches, once it was published. */
    public ConsumerRecord<String, EndpointStatusChanged> awaitChange(Predicate<EndpointStatusChanged> matching) {
        return awaitFirst(record -> matching.test(record.value()));
    }
}
