package org.planwatch.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How figures are judged beyond what each plan sets. */
@ConfigMapping(prefix = "planwatch.evaluation")
public interface EvaluationConfig {

    /** Figures for periods ending up to this many months after a deadline are still judged (final reports). */
    @WithDefault("3")
    int finalReportMonths();

    /** A forecast probability of meeting a target below this raises an early warning (forecastMiss). */
    @WithDefault("0.2")
    double forecastMissBelow();

    /** How often the deadline sweep looks for targets whose deadline passed without a final figure. */
    @WithDefault("1h")
    String deadlineSweep();

    /** How long after start-up the first sweep runs. */
    @WithDefault("30s")
    String deadlineSweepDelay();

    /**
     * Targets the deadline sweep judges at a time, each page in a transaction of its own, so a national catalog is
     * never held whole nor judged in one transaction.
     */
    @WithDefault("1000")
    int deadlineSweepPage();
}
