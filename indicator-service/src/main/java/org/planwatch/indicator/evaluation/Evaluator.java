package org.planwatch.indicator.evaluation;

import java.util.Locale;

/**
 * Judges one figure A at time t against a target's trajectory (DESIGN.md, "Evaluation method").
 * Pure arithmetic: no framework, no I/O.
 */
public final class Evaluator {

    static final double EPSILON = 1e-9;

    private Evaluator() {
    }

    public static Judgement evaluate(TargetSpec spec, double actual, int periodEnd) {
        return switch (spec.trajectory()) {
            case "linear" -> linear(spec, actual, periodEnd);
            case "compound" -> compound(spec, actual, periodEnd);
            case "hold" -> hold(spec, actual);
            default -> new Judgement(Status.NOT_JUDGED, null, null, null,
                    "evaluation of '" + spec.trajectory() + "' trajectories is not available yet");
        };
    }

    private static boolean achieved(TargetSpec spec, double actual) {
        return spec.direction() * (actual - spec.targetValue()) >= -EPSILON;
    }

    /** The checks every level trajectory shares; null when the trajectory must judge the figure itself. */
    private static Judgement precheck(TargetSpec spec, double actual, int t) {
        double v = spec.targetValue();
        if (achieved(spec, actual)) {
            return new Judgement(Status.ACHIEVED, null, null, null,
                    "A = " + num(actual) + (spec.direction() > 0 ? " ≥ " : " ≤ ") + "V = " + num(v) + ": target reached");
        }
        if (!spec.hasBaseline()) {
            if (t >= spec.deadlineEnd()) {
                return new Judgement(Status.MISSED, v, actual - v, null,
                        "deadline reached, A = " + num(actual) + " has not reached V = " + num(v));
            }
            return new Judgement(Status.NO_BASELINE, null, null, null,
                    "the plan states no baseline, so progress cannot be measured before the deadline");
        }
        if (t <= spec.baselineEnd()) {
            return new Judgement(Status.NOT_JUDGED, null, null, null,
                    "the figure is for a period at or before the baseline period, so it is stored but not judged");
        }
        return null;
    }

    private static Status statusFor(TargetSpec spec, double ratio, int t) {
        return t >= spec.deadlineEnd() ? Status.MISSED : spec.thresholds().classify(ratio);
    }

    /** E = B + (V − B)·τ, r = (A − B)/(E − B): 完成进度 ÷ 时间进度. */
    static Judgement linear(TargetSpec spec, double actual, int t) {
        Judgement early = precheck(spec, actual, t);
        if (early != null) {
            return early;
        }
        double b = spec.baselineValue();
        double v = spec.targetValue();
        double tau = elapsedShare(spec, t);
        double expected = b + (v - b) * tau;
        if (Math.abs(expected - b) < EPSILON) {
            // The baseline already met the target: any shortfall is a move away from it.
            return new Judgement(statusFor(spec, -1, t), expected, actual - expected, null,
                    "the baseline B = " + num(b) + " already met the target; A = " + num(actual) + " has fallen back");
        }
        double ratio = (actual - b) / (expected - b);
        Status status = statusFor(spec, ratio, t);
        String explanation = String.format(Locale.ROOT,
                "linear: τ = %s; E = B + (V − B)·τ = %s + (%s − %s)·%s = %s; r = (A − B)/(E − B) = (%s − %s)/(%s − %s) = %s → %s",
                num(tau), num(b), num(v), num(b), num(tau), num(expected), num(actual), num(b), num(expected), num(b),
                num(ratio), status);
        return new Judgement(status, expected, actual - expected, ratio, explanation);
    }

    /** E = B·(V/B)^τ, r = g_a / g_r with compound annual growth rates (times in years). */
    static Judgement compound(TargetSpec spec, double actual, int t) {
        Judgement early = precheck(spec, actual, t);
        if (early != null) {
            return early;
        }
        double b = spec.baselineValue();
        double v = spec.targetValue();
        if (b <= 0 || v <= 0 || actual <= 0) {
            return linear(spec, actual, t);
        }
        double tau = elapsedShare(spec, t);
        double expected = b * Math.pow(v / b, tau);
        double yearsElapsed = (t - spec.baselineEnd()) / 12.0;
        double yearsTotal = (spec.deadlineEnd() - spec.baselineEnd()) / 12.0;
        double actualGrowth = Math.pow(actual / b, 1 / yearsElapsed) - 1;
        double requiredGrowth = Math.pow(v / b, 1 / yearsTotal) - 1;
        double ratio = actualGrowth / requiredGrowth;
        Status status = statusFor(spec, ratio, t);
        String explanation = String.format(Locale.ROOT,
                "compound: τ = %s; E = B·(V/B)^τ = %s; g_a = (A/B)^(1/%s) − 1 = %s; g_r = (V/B)^(1/%s) − 1 = %s; r = g_a/g_r = %s → %s",
                num(tau), num(expected), num(yearsElapsed), num(actualGrowth), num(yearsTotal), num(requiredGrowth),
                num(ratio), status);
        return new Judgement(status, expected, actual - expected, ratio, explanation);
    }

    /** 稳定在…以上 / 控制在…以下: the level must hold in every period. */
    static Judgement hold(TargetSpec spec, double actual) {
        double v = spec.targetValue();
        boolean holds = achieved(spec, actual);
        return new Judgement(holds ? Status.ON_TRACK : Status.BREACHED, v, actual - v, null,
                "hold: A = " + num(actual) + (holds ? " holds " : " breaks ") + (spec.direction() > 0 ? "≥ " : "≤ ") + num(v));
    }

    private static double elapsedShare(TargetSpec spec, int t) {
        return (double) (t - spec.baselineEnd()) / (spec.deadlineEnd() - spec.baselineEnd());
    }

    static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
