package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The one CRM endpoint that call events are delivered to. */
@ConfigMapping(prefix = "callbridge.dispatch.crm")
public interface CrmEndpointConfig {

    /**
     * The URL to GET for each event: a Qute template evaluated against the call event, for example
     * {@code http://crm.example/pop?number={parties.customer.raw}&ext={parties.extension}&call={callId}&kind={kind}}.
     * The vendor's own fields are there as {@code raw.<name>}. Every value is URL-encoded; a missing one is empty.
     * A placeholder that names no field of the event stops the service at startup.
     */
    String urlTemplate();

    /** The kinds of event the CRM wants, e.g. {@code CALL_OFFERED,CALL_ENDED}; every kind when not set. */
    Optional<Set<CallEventKind>> kinds();

    /** Only this tenant's events go to the CRM when set; every tenant's when not. */
    Optional<TenantId> tenant();

    /** How long one attempt may wait for a connection, and then for the CRM's answer. */
    @WithDefault("5s")
    Duration timeout();

    /** How a failed attempt is retried. */
    Retry retry();

    /**
     * Retries in memory, with exponential backoff and jitter. They hold up the next events of the partition, so they
     * stay few and short: every attempt and backoff together must end well within the consumer's
     * {@code throttled.unprocessed-record-max-age.ms} (60 s), or the channel is reported unhealthy.
     */
    interface Retry {

        /** Retries after a failed first attempt; when all failed, the event goes to the dead letter topic. */
        @WithDefault("3")
        @Min(0)
        @Max(5)
        int maxRetries();

        /** The delay before the first retry; it doubles with each retry. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest delay between two attempts. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** The random part of each delay, as a fraction of it (0 to 1), so CRMs are not hit by retries in step. */
        @WithDefault("0.5")
        @DecimalMin("0")
        @DecimalMax("1")
        double jitter();
    }
}
