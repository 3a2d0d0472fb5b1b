package io.callbridge.common.endpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.callbridge.common.tenant.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A CRM endpoint of crm-dispatch was disabled or enabled again; published to
 * {@link io.callbridge.common.kafka.Topics#ENDPOINT_EVENTS} so that operators and the tenant's own tooling learn that
 * deliveries stopped (or resumed) without reading crm-dispatch's logs.
 *
 * @param schemaVersion  the version of this shape
 * @param eventId        unique per change; consumers drop repeats by it
 * @param tenant         the endpoint's owner
 * @param endpointId     crm-dispatch's id of the endpoint
 * @param status         the endpoint's status after the change
 * @param reason         why it changed, in words for a person (e.g. "10 failed attempts in a row", "the CRM answered 410")
 * @param failureStreak  failed attempts in a row when it was disabled; 0 when enabled
 * @param occurredAt     when the change happened
 */
public record EndpointStatusChanged(
        int schemaVersion,
        UUID eventId,
        TenantId tenant,
        String endpointId,
        EndpointStatus status,
        String reason,
        int failureStreak,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    /** Whether an endpoint receives deliveries. */
    public enum EndpointStatus {
        ENABLED,
        DISABLED
    }

    @JsonIgnore
    public String partitionKey() {
        return tenant.value() + ":" + endpointId;
    }
}
