package io.callbridge.click2call.followup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How due follow-ups are found and placed. */
@ConfigMapping(prefix = "callbridge.click2call.follow-ups")
public interface FollowUpConfig {

    /** How often each replica looks for due follow-ups, e.g. {@code 5s}: a callback is placed at most this late. */
    @WithDefault("5s")
    String pollEvery();

    /**
     * How long a claim holds before another replica (or this one, restarted) may take the follow-up over: a replica
     * that died between claiming and storing the follow-up's dial request leaves it CLAIMED, never dialed. Taking over
     * never dials twice: the dial request's id is the follow-up's, and a stored one is never dialed again.
     */
    @WithDefault("1m")
    Duration claimLease();

    /** How many due follow-ups one replica claims per look. */
    @WithDefault("20")
    int batchSize();
}
