package org.planwatch.platform.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code data} of a {@code planwatch.alert.v1} event: one change of an alert (opened, reopened,
 * severity changed, acknowledged, escalated, resolved), with the evidence behind it. Keyed on
 * Kafka by fingerprint.
 */
public record AlertData(
        long alertId,
        String fingerprint,
        String kind,
        String severity,
        String status,
        String change,
        TargetRef target,
        List<String> leadDepartments,
        List<String> cooperatingDepartments,
        Evidence evidence,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen,
        OffsetDateTime resolvedAt,
        Acknowledgement acknowledgement,
        boolean escalated) {

    /** Who acknowledged the alert, when, and what they said; null while unacknowledged. */
    public record Acknowledgement(String by, OffsetDateTime at, String comment) {
    }

    public record TargetRef(String id, EvaluationData.PlanRef plan, EvaluationData.IndicatorRef indicator,
            EvaluationData.RegionRef region, String comparator, BigDecimal targetValue, String deadline,
            String trajectory) {
    }

    /** Why the alert says what it says: the evaluation it rests on, traced to the source quote. */
    public record Evidence(long evaluationId, String period, String observationId, int observationRevision,
            BigDecimal actual, BigDecimal expected, BigDecimal target, BigDecimal gap, Double progressRatio,
            String status, String statusZh, EvaluationData.BaselineRef baseline, String explanation,
            EvaluationData.SourceRef source) {

        public static Evidence of(EvaluationData evaluation) {
            return new Evidence(evaluation.evaluationId(), evaluation.period(), evaluation.observationId(),
                    evaluation.observationRevision(), evaluation.actual(), evaluation.expected(), evaluation.target(),
                    evaluation.gap(), evaluation.progressRatio(), evaluation.status(), evaluation.statusZh(),
                    evaluation.baseline(), evaluation.explanation(), evaluation.source());
        }
    }
}
