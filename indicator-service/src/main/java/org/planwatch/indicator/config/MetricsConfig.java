package org.planwatch.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the target gauges follow the database. */
@ConfigMapping(prefix = "planwatch.metrics")
public interface MetricsConfig {

    /**
     * How often the gauges are read from the database even when this replica stored nothing
     * (other replicas' evaluations, the deadline sweep of another replica, plan changes).
     */
    @WithDefault("30s")
    Duration refresh();

    /** How often the refresh job looks whether a read is due (right after a stored evaluation, or the interval). */
    @WithDefault("1s")
    String check();

    /**
     * The least time between two counts of {@code planwatch_targets} after evaluations stored here: each count is a
     * GROUP BY over the latest evaluation of every active target (about 2 s at 570,000 targets), so a month-end runs it
     * at this pace, not per poll (at 10 s it alone took a fifth of a core from the month-end's database).
     */
    @WithDefault("30s")
    Duration recount();

    /** Which targets get per-target series. */
    TargetSeries targetSeries();

    interface TargetSeries {

        /**
         * Up to this many active targets, every evaluated target has per-target series; above it only targets whose
         * status needs attention have them, at most this many (see {@code TargetGauges}). About twenty series a target:
         * 5,000 targets make some 100,000 series, what one scrape of one endpoint and a 512 MB heap carry comfortably
         * (at 20,000 the month-end benchmark's 30 s read of the metrics endpoint did not finish).
         */
        @WithDefault("5000")
        int maxTargets();
    }
}
