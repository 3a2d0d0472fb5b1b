package io.callbridge.click2call.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the PBX's call events are matched to dial requests. */
@ConfigMapping(prefix = "callbridge.click2call.status")
public interface StatusConfig {

    /**
     * A call event that carries no call id the PBX gave on dialing belongs to the newest open request to its number
     * made at most this long before the call started.
     */
    @WithDefault("5m")
    Duration correlationWindow();
}
