package io.callbridge.click2call.status;

import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.EventIds;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.kafka.CallEventSerializer;
import io.callbridge.common.kafka.Topics;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Publishes call events as call-ingest does: keyed by tenant and call, acknowledged by the broker. */
final class CallEvents implements AutoCloseable {

    private final KafkaProducer<String, CallEvent> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new CallEventSerializer());

    /** An outbound call's event, as a PBX reports it. */
    static CallEvent outbound(String tenant, SourceSystem system, String callId, CallEventKind kind, String customer,
                              Outcome outcome) {
        CallSource source = new CallSource(system, "pbx-1");
        Instant now = Instant.now();
        return new CallEvent(CallEvent.SCHEMA_VERSION, EventIds.of(source, callId, kind, now), callId,
                TenantId.of(tenant), source, kind, new CallTimes(now, now.minusSeconds(5), null, null),
                new CallParties(PhoneNumber.parse(customer, "IL"), null, "777", null, null, null),
                new CallDetails(Direction.OUTBOUND, null, outcome, null, null), CallDurations.NONE, CallContext.NONE,
                null, Map.of());
    }

    void publish(CallEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, event.partitionKey(), event)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not take the call event", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
