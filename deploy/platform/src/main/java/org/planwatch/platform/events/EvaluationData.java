package org.planwatch.platform.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code data} of a {@code planwatch.evaluation.v1} event: one target judged for one period,
 * with everything an alert needs to show its evidence. Keyed on Kafka by target id;
 * {@code targetVersion} names the version of the target (plans can change) that was applied.
 */
public record EvaluationData(
        long evaluationId,
        String targetId,
        int targetVersion,
        PlanRef plan,
        IndicatorRef indicator,
        RegionRef region,
        String period,
        String periodEnd,
        String observationId,
        int observationRevision,
        BigDecimal actual,
        BigDecimal expected,
        BigDecimal target,
        BigDecimal gap,
        Double progressRatio,
        String status,
        String statusZh,
        BaselineRef baseline,
        String comparator,
        String deadline,
        String trajectory,
        List<String> leadDepartments,
        List<String> cooperatingDepartments,
        SourceRef source,
        String explanation,
        ForecastRef forecast,
        OffsetDateTime evaluatedAt) {

    /** The projection to the deadline (80% interval) and the probability of meeting the target; null with too few figures. */
    public record ForecastRef(int points, double projected, double lower80, double upper80, double probability,
            boolean miss) {
    }

    public record PlanRef(String id, String title, String documentNumber) {
    }

    public record IndicatorRef(String code, String nameZh, String nameEn, String unit) {
    }

    public record RegionRef(String code, String nameZh) {
    }

    public record BaselineRef(BigDecimal value, String period) {
    }

    /** The policy document a target comes from and the exact quote that sets it. */
    public record SourceRef(String file, String quote) {
    }
}
