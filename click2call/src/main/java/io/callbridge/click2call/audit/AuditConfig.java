package io.callbridge.click2call.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the statuses of dial requests reach {@code callbridge.dial-requests} from their outbox ({@code dial_audit}). */
@ConfigMapping(prefix = "callbridge.click2call.audit")
public interface AuditConfig {

    /** How often the records Kafka acknowledged are deleted from the outbox, in one statement for all of them. */
    @WithDefault("1s")
    String flushEvery();

    /** How often each replica looks for records left in the outbox (Kafka down, a process killed) to publish again. */
    @WithDefault("10s")
    String resendEvery();

    /** How old a record left in the outbox must be before it is published again (a fresh one is still in flight). */
    @WithDefault("30s")
    Duration resendAfter();

    /** How many records one look publishes again. */
    @WithDefault("500")
    int resendBatch();

    /** How long a resend waits for Kafka's acknowledgements before leaving the records for the next look. */
    @WithDefault("10s")
    Duration ackTimeout();
}
