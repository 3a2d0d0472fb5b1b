package io.callbridge.common.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.EventIds;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.Recording;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.tenant.TenantId;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallEventJsonTest {

    /** The ConVox after-call status push of 001, with every group filled. */
    static CallEvent convoxCallEnded() {
        CallSource source = new CallSource(SourceSystem.CONVOX, "mumbai");
        Instant start = Instant.parse("2024-03-05T09:41:00Z");
        return new CallEvent(CallEvent.SCHEMA_VERSION,
                EventIds.of(source, "8812345", CallEventKind.CALL_ENDED, start),
                "8812345", TenantId.of("10"), source, CallEventKind.CALL_ENDED,
                new CallTimes(start.plusSeconds(200), start, start.plusSeconds(20), start.plusSeconds(200)),
                new CallParties(PhoneNumber.parse("033004799", "IL"), PhoneNumber.parse("1800123456", "IL"),
                        "777", "agent7", null, "ST-12"),
                new CallDetails(Direction.OUTBOUND, CallMode.PREDICTIVE, Outcome.ANSWERED, "AGENT", null),
                new CallDurations(12, 8, 180, 200),
                new CallContext("sales", "Renewals", "L-4", "8812345", "REF-9", "Interested", "ANSWER", null),
                new Recording("/var/spool/recordings/8812345.wav", "8812345.wav", false),
                Map.of("MOBILE_NO", "033004799", "CALL_STATUS", "Connected"));
    }

    @Test
    void anEventSurvivesTheTripThroughKafkaUnchanged() {
        CallEvent event = convoxCallEnded();

        byte[] bytes = new CallEventSerializer().serialize(Topics.CALL_EVENTS, event);
        CallEvent read = new CallEventDeserializer().deserialize(Topics.CALL_EVENTS, bytes);

        assertThat(read).isEqualTo(event);
    }

    @Test
    void theWireFormIsReadableJsonWithUtcTimesAndVendorNames() throws Exception {
        byte[] bytes = new CallEventSerializer().serialize(Topics.CALL_EVENTS, convoxCallEnded());
        JsonNode json = EventJson.MAPPER.readTree(bytes);

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("tenant").asText()).isEqualTo("10");
        assertThat(json.at("/source/system").asText()).isEqualTo("convox");
        assertThat(json.at("/times/startedAt").asText()).isEqualTo("2024-03-05T09:41:00Z");
        assertThat(json.at("/parties/customer/e164").asText()).isEqualTo("+97233004799");
        assertThat(json.at("/parties/customer/raw").asText()).isEqualTo("033004799");
        assertThat(json.at("/call/mode").asText()).isEqualTo("PREDICTIVE");
        assertThat(json.at("/durations/talk").asInt()).isEqualTo(180);
        assertThat(json.at("/raw/CALL_STATUS").asText()).isEqualTo("Connected");
        assertThat(json.has("partitionKey")).isFalse();
    }

    @Test
    void anOlderConsumerReadsANewerProducersAdditions() {
        String withNewField = new String(new CallEventSerializer().serialize(Topics.CALL_EVENTS, convoxCallEnded()),
                StandardCharsets.UTF_8).replaceFirst("\\{", "{\"addedLater\":\"x\",");

        CallEvent read = new CallEventDeserializer().deserialize(Topics.CALL_EVENTS,
                withNewField.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(convoxCallEnded());
    }

    @Test
    void garbageIsASerializationError() {
        assertThatThrownBy(() -> new CallEventDeserializer().deserialize(Topics.CALL_EVENTS,
                "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void everyEventOfACallSharesThePartitionKey() {
        CallEvent ended = convoxCallEnded();

        assertThat(ended.partitionKey()).isEqualTo("10:8812345");
        assertThat(CallEvent.partitionKey(TenantId.of("10"), "8812345")).isEqualTo(ended.partitionKey());
    }

    @Test
    void missingGroupsReadAsEmptyNotNull() {
        CallEvent minimal = new CallEventDeserializer().deserialize(Topics.CALL_EVENTS, """
                {"schemaVersion":1,"eventId":"2ed6657d-e927-568b-95e1-2665a8aea6a2","callId":"c1","tenant":"acme",
                 "source":{"system":"callbridge","instance":"api"},"kind":"CALL_OFFERED",
                 "times":{"occurredAt":"2024-03-05T09:41:00Z"},
                 "parties":{"customer":"033004799"}}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(minimal.durations()).isEqualTo(CallDurations.NONE);
        assertThat(minimal.context()).isEqualTo(CallContext.NONE);
        assertThat(minimal.raw()).isEmpty();
        assertThat(minimal.parties().customer().raw()).isEqualTo("033004799");
        assertThat(minimal.parties().customer().resolved("IL").e164()).isEqualTo("+97233004799");
    }
}
