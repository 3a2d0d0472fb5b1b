package io.callbridge.click2call.followup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How due follow-ups are found and placed. */
@ConfigMapping(prefix = "callbridge.click2call.follow-ups")
public interface FollowUpConfig {

    /** How often each replica looks for due follow-ups, e.g. {@code 5s}: a callback is placed at most this late. */
    @WithDefault("5s")
    String pollEvery();

    /** How many due follow-ups one replica claims per look. */
    @WithDefault("20")
    int batchSize();
}
