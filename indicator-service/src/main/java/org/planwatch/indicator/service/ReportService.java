package org.planwatch.indicator.service;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Collator;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.domain.Indicator;
import org.planwatch.indicator.domain.Plan;
import org.planwatch.indicator.domain.Region;
import org.planwatch.indicator.domain.Target;
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.indicator.rest.CatalogViews.PlanRef;
import org.planwatch.indicator.rest.CatalogViews.Report;
import org.planwatch.indicator.rest.CatalogViews.ReportRow;
import org.planwatch.indicator.rest.CatalogViews.ReportSection;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * The evaluation report (评估报告) of a plan as of a moment: for each of its targets the latest
 * evaluation recorded at or before that moment (the figures known then), with completion progress
 * (完成进度) against time progress (序时进度), grouped by lead department.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    /** Dates in a report request are Beijing dates, as the plans and the offices reckon them. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String NO_LEAD_DEPARTMENT = "未明确牵头单位";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Clock clock;

    public ReportService(Clock clock) {
        this.clock = clock;
    }

    public Report report(String planId, String asOfText) {
        OffsetDateTime now = OffsetDateTime.now(clock).atZoneSameInstant(BEIJING).toOffsetDateTime();
        OffsetDateTime asOf = asOfText == null || asOfText.isBlank() ? now : asOf(asOfText.trim());
        Plan plan = Plan.findById(planId);
        if (plan == null) {
            throw ProblemException.notFound("plan", planId);
        }
        List<Target> targets = Target.list("planId = :plan and (retiredAt is null or retiredAt > :asOf)", Sort.by("id"),
                Parameters.with("plan", planId).and("asOf", asOf));
        Map<String, Evaluation> latest = new HashMap<>();
        if (!targets.isEmpty()) {
            Evaluation.latestOf(targets.stream().map(t -> t.id).toList(), asOf).forEach(e -> latest.put(e.targetId, e));
        }
        Map<String, Long> byStatus = emptyCounts();
        Collator chinese = Collator.getInstance(Locale.CHINA);
        Map<String, List<ReportRow>> byDepartment = new TreeMap<>((a, b) -> a.equals(b) ? 0
                : NO_LEAD_DEPARTMENT.equals(a) ? 1 : NO_LEAD_DEPARTMENT.equals(b) ? -1 : chinese.compare(a, b));
        for (Target target : targets) {
            ReportRow row = row(target, latest.get(target.id));
            byStatus.merge(row.status(), 1L, Long::sum);
            List<String> leads = target.leadDepartments.isEmpty() ? List.of(NO_LEAD_DEPARTMENT) : target.leadDepartments;
            leads.forEach(department -> byDepartment.computeIfAbsent(department, d -> new ArrayList<>()).add(row));
        }
        List<ReportSection> sections = new ArrayList<>();
        byDepartment.forEach((department, rows) -> {
            rows.sort(Comparator.<ReportRow>comparingInt(r -> CatalogService.SEVERITY_ORDER.indexOf(r.status()))
                    .thenComparing(ReportRow::targetId));
            Map<String, Long> counts = emptyCounts();
            rows.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
            sections.add(new ReportSection(department, counts, rows));
        });
        return new Report(new PlanRef(plan.id, plan.title, plan.documentNumber), asOf, now, targets.size(), byStatus, sections);
    }

    /**
     * A date is the end of that day in Beijing (its last microsecond, PostgreSQL's precision); an
     * instant needs an offset ({@code Z} or {@code +08:00}); a date and time without one is Beijing time.
     */
    static OffsetDateTime asOf(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(BEIJING).toOffsetDateTime().minusNanos(1000);
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT)).atZone(BEIJING).toOffsetDateTime();
            }
            if (text.matches(".*[+-]\\d{2}:?\\d{2}$") && text.indexOf('T') > 0) {
                return OffsetDateTime.parse(text).atZoneSameInstant(BEIJING).toOffsetDateTime();
            }
            return LocalDateTime.parse(text).atZone(BEIJING).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("query parameter 'asOf' is not a date or an instant", List.of(Violation.ofField("asOf",
                    "'" + text + "' is neither a date such as 2024-12-31 (the end of that day, Beijing time) nor an ISO "
                            + "instant such as 2024-12-31T16:00:00Z or 2025-01-01T00:00:00+08:00")));
        }
    }

    private static Map<String, Long> emptyCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        CatalogService.SEVERITY_ORDER.forEach(status -> counts.put(status, 0L));
        return counts;
    }

    private static ReportRow row(Target target, Evaluation evaluation) {
        Indicator indicator = Indicator.findById(target.indicatorCode);
        Region region = Region.findById(target.regionCode);
        String status = evaluation == null ? CatalogService.NOT_REPORTED : evaluation.status;
        String statusZh = evaluation == null ? "未报送" : Status.valueOf(status).labelZh();
        return new ReportRow(target.id, target.indicatorCode, indicator.nameZh, target.regionCode, region.nameZh, target.unit,
                target.comparator, target.trajectory, target.baselineValue, target.baselinePeriod, target.targetValue,
                target.deadline, evaluation == null ? null : evaluation.period, evaluation == null ? null : evaluation.actual,
                evaluation == null ? null : round(evaluation.expected, 2), evaluation == null ? null : round(evaluation.gap, 2),
                evaluation == null ? null : percent(completion(target, evaluation)),
                evaluation == null ? null : percent(elapsed(target, evaluation)),
                status, statusZh, target.leadDepartments, target.cooperatingDepartments,
                evaluation == null ? null : evaluation.id, evaluation == null ? null : evaluation.targetVersion,
                evaluation == null ? null : evaluation.observationRevision,
                evaluation == null ? null : evaluation.evaluatedAt.atZoneSameInstant(BEIJING).toOffsetDateTime());
    }

    /**
     * 完成进度: the share of the way from the baseline to the target covered by the figure, in the
     * evaluation's own terms (its baseline may be the first posted figure); a year's flow against the
     * year's target; a sum against the sum. Hold and year-on-year targets have none.
     */
    static Double completion(Target target, Evaluation evaluation) {
        Map<String, Object> terms = evaluation.terms == null ? Map.of() : evaluation.terms;
        double v = target.targetValue.doubleValue();
        switch (target.trajectory) {
            case "annual" -> {
                Double a = number(terms.get("A (year to date)"));
                return a == null || v == 0 ? null : a / v;
            }
            case "cumulative" -> {
                Double a = terms.entrySet().stream().filter(e -> e.getKey().startsWith("A (sum since"))
                        .map(e -> number(e.getValue())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                return a == null || v == 0 ? null : a / v;
            }
            case "linear", "compound" -> {
                return share(number(terms.get("B")), target.baselineValue, evaluation.actual, v);
            }
            case "growth" -> {
                Double level = number(terms.get("level implied at the deadline"));
                return level == null ? null : share(number(terms.get("B")), null, evaluation.actual, level);
            }
            default -> {
                return null;
            }
        }
    }

    private static Double share(Double evaluationBaseline, BigDecimal planBaseline, BigDecimal actual, double target) {
        Double b = evaluationBaseline != null ? evaluationBaseline : planBaseline == null ? null : planBaseline.doubleValue();
        if (b == null || actual == null || Math.abs(target - b) < 1e-12) {
            return null;
        }
        return (actual.doubleValue() - b) / (target - b);
    }

    /**
     * 序时进度: the share of the target's period (baseline to deadline, or start year to deadline)
     * elapsed at the end of the figure's period; of the year, for an annual target.
     */
    static Double elapsed(Target target, Evaluation evaluation) {
        Map<String, Object> terms = evaluation.terms == null ? Map.of() : evaluation.terms;
        Double tau = number(terms.get("τ"));
        if (tau != null) {
            return tau;
        }
        if ("annual".equals(target.trajectory)) {
            Double month = number(terms.get("m"));
            return month == null ? null : month / 12;
        }
        Integer start = target.baselinePeriod != null ? Period.parse(target.baselinePeriod).endMonth()
                : target.startPeriod != null ? Period.parse(target.startPeriod).year() * 12 : null;
        if (start == null || "hold".equals(target.trajectory)) {
            return null;
        }
        int end = Period.parse(target.deadline).endMonth();
        return end <= start ? null : Math.min(1, Math.max(0, (double) (evaluation.periodEnd - start) / (end - start)));
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static BigDecimal percent(Double share) {
        return share == null || share.isNaN() || share.isInfinite() ? null
                : plain(BigDecimal.valueOf(share).multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP));
    }

    private static BigDecimal round(BigDecimal value, int scale) {
        return value == null ? null : plain(value.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros());
    }

    /** Without an exponent: 1488, not 1.488E+3. */
    private static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }
}
