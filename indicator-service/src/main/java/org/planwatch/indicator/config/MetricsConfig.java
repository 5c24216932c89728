package org.planwatch.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the per-target gauges follow the database. */
@ConfigMapping(prefix = "planwatch.metrics")
public interface MetricsConfig {

    /**
     * How often the gauges are read from the database even when this replica stored nothing
     * (other replicas' evaluations, the deadline sweep of another replica).
     */
    @WithDefault("30s")
    Duration refresh();

    /** How often the refresh job looks whether a read is due (right after a stored evaluation, or the interval). */
    @WithDefault("1s")
    String check();
}
