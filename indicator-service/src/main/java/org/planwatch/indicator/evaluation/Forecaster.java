package org.planwatch.indicator.evaluation;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Ordinary least squares on the figures (x = months, y = value or ln value), projected to the
 * deadline with an 80% prediction interval: ŷ ± t₀.₉,ₙ₋₂ · s · √(1 + 1/n + (x₁ − x̄)²/Sxx), and
 * the probability that the value at the deadline meets the target under the same Student-t law.
 */
public final class Forecaster {

    /** One fitted point: time in months and the value in the fit's space. */
    public record Sample(double x, double y) {
    }

    private Forecaster() {
    }

    /**
     * @param samples     at least three, in the fit's space
     * @param target      the target in the fit's space
     * @param direction   +1 when the target is a floor, −1 when a ceiling
     * @param logSpace    whether y is ln(value); the projection and bounds are returned as values
     */
    public static Forecast project(List<Sample> samples, double atX, double target, int direction, boolean logSpace,
            double missBelow) {
        int n = samples.size();
        if (n < 3) {
            throw new IllegalArgumentException("a forecast needs at least three figures, got " + n);
        }
        double meanX = samples.stream().mapToDouble(Sample::x).average().orElseThrow();
        double meanY = samples.stream().mapToDouble(Sample::y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (Sample s : samples) {
            sxx += (s.x() - meanX) * (s.x() - meanX);
            sxy += (s.x() - meanX) * (s.y() - meanY);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("the figures are all for the same time");
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residuals = 0;
        for (Sample s : samples) {
            double r = s.y() - (intercept + slope * s.x());
            residuals += r * r;
        }
        double sigma = Math.sqrt(residuals / (n - 2));
        double projected = intercept + slope * atX;
        double standardError = sigma * Math.sqrt(1 + 1.0 / n + (atX - meanX) * (atX - meanX) / sxx);
        TDistribution t = new TDistribution(n - 2);
        double halfWidth = t.inverseCumulativeProbability(0.9) * standardError;
        double probability;
        if (standardError == 0) {
            probability = direction * (projected - target) >= 0 ? 1 : 0;
        } else {
            double z = (target - projected) / standardError;
            probability = direction > 0 ? 1 - t.cumulativeProbability(z) : t.cumulativeProbability(z);
        }
        double lower = projected - halfWidth;
        double upper = projected + halfWidth;
        return new Forecast(logSpace ? "log" : "linear", n, (int) atX, value(projected, logSpace), value(lower, logSpace),
                value(upper, logSpace), probability, probability < missBelow);
    }

    private static double value(double y, boolean logSpace) {
        return logSpace ? Math.exp(y) : y;
    }
}
