package org.planwatch.indicator.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What the catalog API answers: references are resolved so a reader needs no second call. */
public final class CatalogViews {

    private CatalogViews() {
    }

    public record RegionView(String code, String nameZh, String nameEn, String parent) {
    }

    public record IndicatorView(String code, String nameZh, String nameEn, String unit, String direction,
            String frequency, String basis) {
    }

    public record PlanView(String id, String title, String issuer, String documentNumber, LocalDate issuedOn,
            String sourceFile, RegionView region, long targets, double onTrackThreshold, double atRiskThreshold,
            List<String> notes) {
    }

    public record PlanRef(String id, String title, String documentNumber) {
    }

    public record BaselineView(BigDecimal value, String period, String quote) {
    }

    public record SourceView(String file, String quote) {
    }

    public record TargetView(String id, int version, java.time.OffsetDateTime retiredAt, PlanRef plan, IndicatorView indicator, RegionView region, BaselineView baseline,
            BigDecimal targetValue, String unit, String comparator, String deadline, String trajectory,
            String growthKind, String startPeriod, List<String> leadDepartments, List<String> cooperatingDepartments,
            SourceView source, List<String> notes, EvaluationView latestEvaluation) {
    }

    public record EvaluationView(long id, String targetId, int targetVersion, String period, String observationId, int observationRevision,
            BigDecimal actual, BigDecimal expected, BigDecimal gap, Double progressRatio, String status, String statusZh,
            String explanation, java.util.Map<String, Object> terms, org.planwatch.indicator.evaluation.Forecast forecast,
            OffsetDateTime evaluatedAt) {
    }

    /** How one evaluation was reached: the formula, each input and intermediate number, and what it used. */
    public record Explanation(String targetId, int targetVersion, String trajectory, String period, String observationId,
            int observationRevision, String status, String statusZh, String formula, java.util.Map<String, Object> terms,
            org.planwatch.indicator.evaluation.Forecast forecast, SourceView source, OffsetDateTime evaluatedAt) {
    }

    /** The state of a plan (or region): how many targets in each status, and the worst ones first. */
    public record Progress(String plan, String region, int targets, java.util.Map<String, Long> byStatus,
            List<ProgressItem> worst) {
    }

    public record ProgressItem(String targetId, String plan, String indicator, String indicatorNameZh, String region,
            String regionNameZh, String status, String statusZh, String period, BigDecimal actual, BigDecimal expected,
            BigDecimal targetValue, String unit, Double progressRatio, Double forecastProbability,
            List<String> leadDepartments) {
    }

    /**
     * An evaluation report (评估报告) of a plan as of a moment: each target with the latest evaluation
     * recorded by then, grouped by lead department. Progress figures are percentages rounded to one
     * decimal, expected and gap to two; what the report prints is exactly these numbers.
     */
    public record Report(PlanRef plan, OffsetDateTime asOf, OffsetDateTime generatedAt, int targets,
            java.util.Map<String, Long> byStatus, List<ReportSection> departments) {
    }

    /** One lead department (牵头单位) and its targets, worst first; a target with two lead departments is in both. */
    public record ReportSection(String department, java.util.Map<String, Long> byStatus, List<ReportRow> rows) {
    }

    public record ReportRow(String targetId, String indicator, String indicatorNameZh, String region, String regionNameZh,
            String unit, String comparator, String trajectory, BigDecimal baseline, String baselinePeriod,
            BigDecimal targetValue, String deadline, String period, BigDecimal actual, BigDecimal expected, BigDecimal gap,
            BigDecimal completionProgress, BigDecimal timeProgress, String status, String statusZh,
            List<String> leadDepartments, List<String> cooperatingDepartments, Long evaluationId, Integer targetVersion,
            Integer observationRevision, OffsetDateTime evaluatedAt) {
    }
}
