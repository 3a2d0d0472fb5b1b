package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.template.BodyFormat;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The CRM endpoints from configuration, and how the outbox worker delivers to them. */
@ConfigMapping(prefix = "callbridge.dispatch")
public interface DispatchConfig {

    /** The CRM endpoint named {@code crm}: the one a deployment usually configures. None when not set. */
    Optional<Endpoint> crm();

    /** Further CRM endpoints, by name ({@code callbridge.dispatch.endpoints.<name>.url-template=...}). */
    Map<String, Endpoint> endpoints();

    /** How deliveries are claimed from the outbox and sent. */
    Worker worker();

    /** How often the endpoints defined through the API are read again, for those another instance changed. */
    @WithDefault("5s")
    Duration registryRefresh();

    /** The notifications, on {@code callbridge.endpoint-events}, that an endpoint was disabled or enabled again. */
    EndpointEvents endpointEvents();

    /** One CRM endpoint: where its requests go, the events it wants, and how they are retried. */
    interface Endpoint {

        /**
         * The URL to GET for each event: a Qute template evaluated against the call event, for example
         * {@code http://crm.example/pop?number={parties.customer.raw}&ext={parties.extension}&call={callId}}.
         * The vendor's own fields are there as {@code raw.<name>}. Every value is URL-encoded; a missing one is
         * empty. A placeholder that names no field of the event stops the service at startup.
         */
        String urlTemplate();

        /** The kinds of event the CRM wants, e.g. {@code CALL_OFFERED,CALL_ENDED}; every kind when not set. */
        Optional<Set<CallEventKind>> kinds();

        /** Only this tenant's events go to the CRM when set; every tenant's when not. */
        Optional<TenantId> tenant();

        /**
         * Event fields and the value each must have for the event to go to the CRM, e.g.
         * {@code filters."call.direction"=INBOUND}. A field the call event does not have stops the service.
         */
        Map<String, String> filters();

        /** How long one attempt may wait for a connection, and then between bytes of the CRM's answer. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * A regular expression the body of a 2xx answer must contain for the delivery to count, e.g.
         * {@code ^\{"success":true}; any 2xx answer counts when not set.
         */
        Optional<String> successBody();

        /**
         * The request shape of one vendor's document, by name: {@code fixdigital}, {@code convox-screen-pop},
         * {@code recall-url-push}, {@code retailcrm-v4}, {@code standard-webhooks}; a GET of the URL template when
         * not set.
         */
        Optional<String> preset();

        /** The preset's own settings, e.g. {@code settings.clientId=10}. */
        Map<String, String> settings();

        /** Without a preset: a Qute template of a body to POST; a GET of the URL when not set. */
        Optional<String> bodyTemplate();

        /** The body's format, which escapes each value: FORM, JSON (JSON-RPC too) or XML (a SOAP envelope). */
        Optional<BodyFormat> bodyFormat();

        /** Fixed headers of each request, such as {@code headers.SOAPAction}. */
        Map<String, String> headers();

        /** How many requests to this CRM may be under way at once. */
        @WithDefault("16")
        @Min(1)
        @Max(1024)
        int concurrency();

        /**
         * The most requests to this CRM per second (in any one-second window, per instance); no limit when not set.
         */
        Optional<@Min(1) @Max(100000) Integer> rateLimit();

        /**
         * {@code true} enables the endpoint at startup if it was disabled (after a 410 or a failure streak): the way
         * to enable a declared endpoint again, as the API does for its own. Its waiting deliveries then go out. Not
         * set (or {@code false}): a disabled endpoint stays disabled across restarts.
         */
        Optional<Boolean> enabled();

        /** When failed attempts are made again. */
        Retry retry();
    }

    /** The notifications of endpoint status changes. */
    interface EndpointEvents {

        /**
         * How often the changes not yet published (those a stopped instance left) are looked for, besides right
         * after a change.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** The tenant the notifications of a configured endpoint that serves every tenant are published under. */
        @WithDefault("operator")
        TenantId operatorTenant();
    }

    /** The retry schedule of an endpoint. */
    interface Retry {

        /**
         * The delay before each attempt, the first one included: as many attempts as delays. When the last one
         * failed, the delivery is dead.
         */
        @WithDefault("0s,5s,30s,2m,10m,30m,1h,3h,6h,12h")
        @NotEmpty
        List<Duration> schedule();

        /** A random addition to each delay, as a fraction of it (0 to 1), so CRMs are not hit by retries in step. */
        @WithDefault("0.2")
        @DecimalMin("0")
        @DecimalMax("1")
        double jitter();
    }

    /** The outbox worker. */
    interface Worker {

        /** How often the outbox is looked at for due deliveries, besides when an event was just stored. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** The most deliveries claimed by one query. */
        @WithDefault("100")
        @Min(1)
        int batchSize();

        /** The most requests under way at once, all endpoints together. */
        @WithDefault("512")
        @Min(1)
        int maxInFlight();

        /**
         * How long a claimed delivery stays claimed: if this instance dies while sending it, another (or this one,
         * restarted) claims it again after this. Longer than every endpoint's timeout. Also how long a delivery this
         * instance stored is held for it to claim (as the endpoint has room) before any instance may.
         */
        @WithDefault("30s")
        Duration lease();

        /**
         * How long a later delivery of a call waits for an earlier one to the same endpoint that is still being
         * retried; then it goes out anyway, and the skip is logged.
         */
        @WithDefault("2m")
        Duration orderingMaxWait();

        /** Failed attempts in a row after which an endpoint is disabled; 0 never disables one. */
        @WithDefault("100")
        @Min(0)
        int disableAfterFailures();

        /** Retries of storing an event's deliveries in PostgreSQL before the record goes to the dead letter topic. */
        @WithDefault("5")
        @Min(0)
        int storageRetries();

        /**
         * The most deliveries this instance holds to claim by id: stored due at once, not claimed by the statement
         * that stored them. Past this, they are found by a search. A held delivery is due to any search once the
         * lease ran out, so more than the lease's worth of deliveries gains nothing.
         */
        @WithDefault("200000")
        @Min(0)
        int mostHeld();

        /**
         * Of the held deliveries, the most kept with their event in memory; the others are kept by id only (some
         * 60 bytes each), their event read back from PostgreSQL when they are claimed.
         */
        @WithDefault("20000")
        @Min(0)
        int mostHeldWithEvent();
    }
}
