package org.planwatch.indicator.evaluation;

/** Progress-ratio boundaries, inclusive: r ≥ onTrack is ON_TRACK, r ≥ atRisk is AT_RISK, r ≥ 0 LAGGING. */
public record Thresholds(double onTrack, double atRisk) {

    public static final Thresholds DEFAULT = new Thresholds(0.95, 0.60);

    public Thresholds {
        if (!(atRisk >= 0 && atRisk < onTrack)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 ≤ atRisk < onTrack, got " + atRisk + ", " + onTrack);
        }
    }

    Status classify(double progressRatio) {
        if (progressRatio >= onTrack - Evaluator.EPSILON) {
            return Status.ON_TRACK;
        }
        if (progressRatio >= atRisk - Evaluator.EPSILON) {
            return Status.AT_RISK;
        }
        return progressRatio >= -Evaluator.EPSILON ? Status.LAGGING : Status.REGRESSING;
    }
}
