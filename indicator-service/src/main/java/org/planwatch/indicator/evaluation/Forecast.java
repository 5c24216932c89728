package org.planwatch.indicator.evaluation;

/**
 * Where the series is heading: the fitted value at the deadline with an 80% prediction interval
 * and the probability of meeting the target.
 *
 * @param space        {@code linear} or {@code log} (compound and growth trajectories are fitted in log space)
 * @param points       how many figures the fit used
 * @param probability  P(meeting the target at the deadline) under the fitted trend
 * @param miss         true when {@code probability} is below the plan's early-warning level
 */
public record Forecast(String space, int points, int atMonth, double projected, double lower80, double upper80,
        double probability, boolean miss) {
}
