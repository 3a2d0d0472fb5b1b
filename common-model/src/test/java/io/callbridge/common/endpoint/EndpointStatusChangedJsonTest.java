package io.callbridge.common.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbridge.common.kafka.EndpointStatusChangedDeserializer;
import io.callbridge.common.kafka.EndpointStatusChangedSerializer;
import io.callbridge.common.kafka.EventJson;
import io.callbridge.common.kafka.Topics;
import io.callbridge.common.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointStatusChangedJsonTest {

    private final EndpointStatusChanged disabled = new EndpointStatusChanged(EndpointStatusChanged.SCHEMA_VERSION,
            UUID.fromString("6f1c2b4e-8d0a-4a57-9a55-0f4f1e2d3c4b"), TenantId.of("acme"), "crm-main",
            EndpointStatusChanged.EndpointStatus.DISABLED, "10 failed attempts in a row", 10,
            Instant.parse("2026-11-25T10:15:30Z"));

    @Test
    void aChangeSurvivesTheTripThroughKafkaUnchanged() {
        byte[] bytes = new EndpointStatusChangedSerializer().serialize(Topics.ENDPOINT_EVENTS, disabled);

        assertThat(new EndpointStatusChangedDeserializer().deserialize(Topics.ENDPOINT_EVENTS, bytes))
                .isEqualTo(disabled);
    }

    @Test
    void theWireFormNamesTheTenantAndStatusPlainly() throws Exception {
        JsonNode json = EventJson.MAPPER.readTree(new EndpointStatusChangedSerializer()
                .serialize(Topics.ENDPOINT_EVENTS, disabled));

        assertThat(json.get("tenant").asText()).isEqualTo("acme");
        assertThat(json.get("status").asText()).isEqualTo("DISABLED");
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(json.has("partitionKey")).isFalse();
        assertThat(disabled.partitionKey()).isEqualTo("acme:crm-main");
    }
}
