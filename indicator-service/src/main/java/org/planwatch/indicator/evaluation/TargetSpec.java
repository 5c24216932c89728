package org.planwatch.indicator.evaluation;

/**
 * The numbers of a target the evaluation needs. Times are period ends in months from year 0
 * (see {@code Period.endMonth()}); {@code direction} is +1 when higher is better (≥) and −1
 * when lower is better (≤).
 *
 * @param baselineValue B, or null when the plan states none
 * @param baselineEnd   t0, or null with the baseline
 */
public record TargetSpec(
        String trajectory,
        int direction,
        double targetValue,
        int deadlineEnd,
        Double baselineValue,
        Integer baselineEnd,
        Thresholds thresholds) {

    public TargetSpec {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction must be +1 or -1");
        }
        if ((baselineValue == null) != (baselineEnd == null)) {
            throw new IllegalArgumentException("a baseline needs both a value and a period");
        }
    }

    public boolean hasBaseline() {
        return baselineValue != null;
    }
}
