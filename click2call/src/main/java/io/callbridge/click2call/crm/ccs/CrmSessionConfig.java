package io.callbridge.click2call.crm.ccs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The Call Center Studio-style login that CRMs use before click2call (document 002). */
@ConfigMapping(prefix = "callbridge.click2call.crm-session")
public interface CrmSessionConfig {

    /**
     * How long a session stays valid after its login; the document keeps a session 8 to 12 hours, and a value
     * outside that stops the application. After it, click2call answers {@code "login": false}: log in again.
     */
    @WithDefault("8h")
    Duration lifetime();
}
