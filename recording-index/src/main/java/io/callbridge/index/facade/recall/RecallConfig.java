package io.callbridge.index.facade.recall;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How Recall's {@code RetrieveRecFile} matches a CRM's extension and time to a call. */
@ConfigMapping(prefix = "callbridge.index.recall")
public interface RecallConfig {

    /**
     * When no call on the extension spans the given time, the call whose start is nearest to it is taken if it
     * started at most this far from it, before or after (the CRM's clock and the PBX's differ).
     */
    @WithDefault("60s")
    Duration tolerance();

    /**
     * The longest call looked back for when finding the call that spans the given time; it bounds the index range
     * read for one lookup.
     */
    @WithDefault("4h")
    Duration maxCallDuration();
}
