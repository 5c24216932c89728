package org.planwatch.platform.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code data} of a {@code planwatch.alert.v1} event: one change of an alert (opened, reopened,
 * severity changed, acknowledged, escalated, reminded, resolved), with the evidence behind it. Keyed on
 * Kafka by fingerprint. Alerts on a target carry {@code target} and {@code evidence}; an {@code OVERDUE_REPORT}
 * alert carries {@code report} (the late periods) instead. {@code recipients} are the offices and departments
 * the alert is routed to: its defaults (a target's lead departments; a late report's statistics bureau and
 * supervision office) and the recipients of the subscriptions it matches.
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
        List<Recipient> recipients,
        Evidence evidence,
        ReportEvidence report,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen,
        OffsetDateTime resolvedAt,
        Acknowledgement acknowledgement,
        boolean escalated) {

    /** An office ({@code OFFICE}, e.g. 督查室) or a department ({@code DEPARTMENT}, e.g. 市科技局) an alert is routed to. */
    public record Recipient(String name, String type) {

        public static final String OFFICE = "OFFICE";
        public static final String DEPARTMENT = "DEPARTMENT";
    }

    /** Why an OVERDUE_REPORT alert fires: the series and each period not posted by its due date. */
    public record ReportEvidence(ReportData.IndicatorRef indicator, ReportData.RegionRef region, List<LateReport> late) {
    }

    public record LateReport(String period, String frequency, LocalDate dueDate, Instant checkedAt) {
    }

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
