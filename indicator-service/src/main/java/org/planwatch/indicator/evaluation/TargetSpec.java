package org.planwatch.indicator.evaluation;

/**
 * The numbers of a target the evaluation needs. Times are period ends in months from year 0
 * (see {@code Period.endMonth()}); {@code direction} is +1 when higher is better (≥) and −1
 * when lower is better (≤).
 *
 * @param targetValue         V; for {@code growth} the rate in percent
 * @param baselineValue       B, or null when the plan states none
 * @param baselineEnd         t0, or null with the baseline
 * @param startYear           first year whose flow counts ({@code cumulative}) or that is judged ({@code annual}); null if none
 * @param growthKind          {@code average_annual} or {@code year_on_year} for {@code growth}
 * @param finalReportMonths   figures for periods ending up to this many months after the deadline are still judged
 * @param forecastMissBelow   a forecast probability of meeting the target below this is an early warning
 */
public record TargetSpec(
        String trajectory,
        int direction,
        double targetValue,
        int deadlineEnd,
        Double baselineValue,
        Integer baselineEnd,
        Integer startYear,
        String growthKind,
        Thresholds thresholds,
        int finalReportMonths,
        double forecastMissBelow) {

    public TargetSpec {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction must be +1 or -1");
        }
        if ((baselineValue == null) != (baselineEnd == null)) {
            throw new IllegalArgumentException("a baseline needs both a value and a period");
        }
    }

    /** A target with the default window (3 months) and early-warning level (0.2). */
    public static TargetSpec of(String trajectory, int direction, double targetValue, int deadlineEnd, Double baselineValue,
            Integer baselineEnd, Thresholds thresholds) {
        return new TargetSpec(trajectory, direction, targetValue, deadlineEnd, baselineValue, baselineEnd, null, null,
                thresholds, 3, 0.2);
    }

    public TargetSpec withStartYear(Integer year) {
        return new TargetSpec(trajectory, direction, targetValue, deadlineEnd, baselineValue, baselineEnd, year, growthKind,
                thresholds, finalReportMonths, forecastMissBelow);
    }

    public TargetSpec withGrowthKind(String kind) {
        return new TargetSpec(trajectory, direction, targetValue, deadlineEnd, baselineValue, baselineEnd, startYear, kind,
                thresholds, finalReportMonths, forecastMissBelow);
    }

    public TargetSpec withBaseline(double value, int end) {
        return new TargetSpec(trajectory, direction, targetValue, deadlineEnd, value, end, startYear, growthKind,
                thresholds, finalReportMonths, forecastMissBelow);
    }

    public boolean hasBaseline() {
        return baselineValue != null;
    }
}
