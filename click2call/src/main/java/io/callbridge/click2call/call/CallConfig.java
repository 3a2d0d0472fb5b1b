package io.callbridge.click2call.call;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** How click-to-call requests are read, recorded and handed to the PBX. */
@ConfigMapping(prefix = "callbridge.click2call")
public interface CallConfig {

    /**
     * ISO 3166 region in which the CRM's numbers are local, e.g. {@code IL}: {@code 033004799} is read as
     * {@code +97233004799}.
     */
    @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter ISO 3166 region, e.g. IL")
    String defaultRegion();

    /**
     * Which PBX dialer places the calls of a tenant not listed under {@link #tenants()}: {@code http-template}
     * (configured under {@code callbridge.click2call.pbx}), {@code uis}, {@code ccs} or {@code convox}.
     */
    @WithDefault("http-template")
    String dialer();

    /**
     * Each tenant's PBX and agents, by tenant id. A tenant listed here dials only from the agents it lists; a tenant
     * not listed dials through {@link #dialer()} with the CRM's agent ids passed to the PBX as they are.
     */
    Map<String, TenantPbx> tenants();

    /** A double click: the same agent asking for the same number again. */
    Dedupe dedupe();

    /** How many calls one agent may ask for. */
    RateLimit rateLimit();

    /** Dial requests left REQUESTED by a service that stopped while the PBX was being asked. */
    OutcomeUnknown outcomeUnknown();

    /** One tenant's PBX. */
    interface TenantPbx {

        /** Which dialer places the tenant's calls: {@code http-template}, {@code uis}, {@code ccs} or {@code convox}. */
        String dialer();

        /**
         * The tenant's agents, as the CRM names them, mapped to the agent as the PBX knows it: an extension
         * ({@code 777}), a ConVox agent id, a Call Center Studio user, a UIS employee id ({@code 13421}). An agent not
         * listed cannot dial (403).
         */
        Map<String, String> agents();

        /** How many new calls one of the tenant's agents may ask for within the period; unset: {@link RateLimit#calls()}. */
        OptionalInt rateLimitCalls();
    }

    interface Dedupe {

        /**
         * A request for the same agent and number within this time of an earlier one is that earlier request: it is
         * answered with the earlier request's id and status and never dialed again.
         */
        @WithDefault("30s")
        Duration window();

        /**
         * How often each replica deletes the claims ({@code dial_dedupe}) older than {@link #window()}, e.g.
         * {@code 1m}; they decide nothing any more. Replicas cleaning at the same time skip each other's rows.
         */
        @WithDefault("1m")
        String cleanEvery();

        /** How many expired claims one statement deletes; a look repeats it until fewer are left. */
        @WithDefault("5000")
        int cleanBatch();
    }

    interface OutcomeUnknown {

        /**
         * How long after it was asked for a dial request still REQUESTED is given up: the service stopped (or lost
         * PostgreSQL) between asking the PBX and storing its answer, so whether the PBX dialed is unknown. It becomes
         * FAILED with the reason "outcome unknown: the service stopped during the PBX call" and is never dialed again
         * (the CRM decides). Must exceed the longest PBX call of the dialers in use (their timeouts), checked at start,
         * with room for the replicas' clocks.
         */
        @WithDefault("5m")
        Duration after();

        /** How often each replica looks for such requests, e.g. {@code 1m}. */
        @WithDefault("1m")
        String checkEvery();

        /** How many such requests one statement gives up; a look repeats it until fewer are left. */
        @WithDefault("500")
        int batchSize();
    }

    interface RateLimit {

        /** How many new calls one agent of a tenant may ask for within {@link #period()}; more get 429. */
        @WithDefault("10")
        int calls();

        /** The sliding period of {@link #calls()}. */
        @WithDefault("1m")
        Duration period();
    }

    /**
     * Kinds of number no call may be placed to, as libphonenumber classifies them, e.g. {@code PREMIUM_RATE,SHARED_COST};
     * a request for one gets 400. Unset: any valid number.
     */
    Optional<Set<PhoneNumberUtil.PhoneNumberType>> refusedNumberTypes();
}
