package org.planwatch.indicator.evaluation;

/**
 * The outcome of evaluating one figure against one target.
 *
 * @param expected      E(t), where the trajectory says the figure should be; null when not defined
 * @param gap           A − E; null with E
 * @param progressRatio r; null when not defined (ACHIEVED, NO_BASELINE, NOT_JUDGED)
 * @param explanation   the formula with its numbers, so every judgement can be traced
 */
public record Judgement(Status status, Double expected, Double gap, Double progressRatio, String explanation) {
}
