package io.callbridge.click2call.call;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

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
     * Which PBX dialer places the calls: {@code http-template} (configured under {@code callbridge.click2call.pbx}).
     * Each {@link io.callbridge.click2call.pbx.PbxDialer} matches its value with {@code @LookupIfProperty}.
     */
    @WithDefault("http-template")
    String dialer();

    /** Waiting for Kafka to acknowledge a dial request. */
    Kafka kafka();

    interface Kafka {

        /**
         * How long to wait for Kafka to acknowledge a dial request before answering 503; the PBX is only called
         * once the request is on Kafka.
         */
        @WithDefault("5s")
        Duration ackTimeout();

        /** The {@code Retry-After} sent with that 503. */
        @WithDefault("10s")
        Duration retryAfter();
    }
}
