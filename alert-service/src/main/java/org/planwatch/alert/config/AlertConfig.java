package org.planwatch.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How alerts live: hysteresis and escalation. */
@ConfigMapping(prefix = "planwatch.alerts")
public interface AlertConfig {

    /** Consecutive on-track evaluations before a LAG alert resolves, so a flapping series does not spam. */
    @WithDefault("1")
    int resolveAfter();

    /** A critical alert unacknowledged this long escalates. */
    @WithDefault("P7D")
    Duration escalateAfter();

    /** How often the escalation check runs (a scheduler interval such as {@code 1m}). */
    @WithDefault("1m")
    String escalationCheck();

    /** How soon after a change the open-alert gauges are recounted. */
    @WithDefault("1s")
    String gaugeRefresh();
}
