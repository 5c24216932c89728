package org.planwatch.indicator.evaluation;

import java.util.Map;

/**
 * The outcome of evaluating one figure against one target.
 *
 * @param expected      E(t), where the trajectory says the figure should be; null when not defined
 * @param gap           A − E; null with E
 * @param progressRatio r; null when not defined (ACHIEVED, NO_BASELINE, NOT_JUDGED)
 * @param explanation   the formula with its numbers, so every judgement can be traced
 * @param terms         every input and intermediate number by name (B, V, A, τ, E, r, s(m), g_a …)
 * @param forecast      the projection to the deadline, or null with fewer than three figures
 */
public record Judgement(Status status, Double expected, Double gap, Double progressRatio, String explanation,
        Map<String, Object> terms, Forecast forecast) {

    public Judgement(Status status, Double expected, Double gap, Double progressRatio, String explanation) {
        this(status, expected, gap, progressRatio, explanation, Map.of(), null);
    }

    public Judgement withForecast(Forecast forecast) {
        return new Judgement(status, expected, gap, progressRatio, explanation, terms, forecast);
    }

    public Judgement withTerms(Map<String, Object> terms) {
        return new Judgement(status, expected, gap, progressRatio, explanation, terms, forecast);
    }
}
