package org.planwatch.indicator.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.domain.Indicator;
import org.planwatch.indicator.domain.Plan;
import org.planwatch.indicator.domain.Region;
import org.planwatch.indicator.domain.Target;
import org.planwatch.indicator.domain.TargetProgress;
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.indicator.rest.CatalogViews.BaselineView;
import org.planwatch.indicator.rest.CatalogViews.EvaluationView;
import org.planwatch.indicator.rest.CatalogViews.Explanation;
import org.planwatch.indicator.rest.CatalogViews.Progress;
import org.planwatch.indicator.rest.CatalogViews.ProgressItem;
import org.planwatch.indicator.rest.CatalogViews.IndicatorView;
import org.planwatch.indicator.rest.CatalogViews.PlanRef;
import org.planwatch.indicator.rest.CatalogViews.PlanView;
import org.planwatch.indicator.rest.CatalogViews.RegionView;
import org.planwatch.indicator.rest.CatalogViews.SourceView;
import org.planwatch.indicator.rest.CatalogViews.TargetView;
import org.planwatch.platform.problem.ProblemException;

/** Reads of the plan catalog and of evaluations, shaped for the API. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogService {

    private final ProgressCache progressCache;

    public CatalogService(ProgressCache progressCache) {
        this.progressCache = progressCache;
    }

    public List<RegionView> regions() {
        return Region.<Region>listAll(Sort.by("code")).stream().map(CatalogService::view).toList();
    }

    public List<IndicatorView> indicators() {
        return Indicator.<Indicator>listAll(Sort.by("code")).stream().map(CatalogService::view).toList();
    }

    public List<PlanView> plans() {
        return Plan.<Plan>listAll(Sort.by("id")).stream().map(this::view).toList();
    }

    public PlanView plan(String id) {
        Plan plan = Plan.findById(id);
        if (plan == null) {
            throw ProblemException.notFound("plan", id);
        }
        return view(plan);
    }

    public List<TargetView> targets(String planId, String indicatorCode, String regionCode, String department,
            String deadline) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (planId != null && !planId.isBlank()) {
            query.append(" and planId = :plan");
            parameters.put("plan", planId);
        }
        if (indicatorCode != null && !indicatorCode.isBlank()) {
            query.append(" and indicatorCode = :indicator");
            parameters.put("indicator", indicatorCode);
        }
        if (regionCode != null && !regionCode.isBlank()) {
            query.append(" and regionCode = :region");
            parameters.put("region", regionCode);
        }
        if (department != null && !department.isBlank()) {
            query.append(" and (array_contains(leadDepartments, :department) or array_contains(cooperatingDepartments, :department))");
            parameters.put("department", department.trim());
        }
        if (deadline != null && !deadline.isBlank()) {
            query.append(" and deadline = :deadline");
            parameters.put("deadline", deadline.trim());
        }
        List<Target> targets = Target.<Target>list(query.toString(), Sort.by("id"), parameters);
        Map<String, Evaluation> latest = latestOf(targets);
        return targets.stream().map(target -> view(target, latest.get(target.id))).toList();
    }

    public TargetView target(String id) {
        return view(findTarget(id));
    }

    public List<EvaluationView> evaluations(String targetId) {
        findTarget(targetId);
        return Evaluation.<Evaluation>list("targetId", Sort.descending("periodEnd", "id"), targetId).stream()
                .map(CatalogService::view).toList();
    }

    /** The latest evaluation of a target for a period (or its latest period), explained. */
    public Explanation explain(String targetId, String period) {
        Target target = findTarget(targetId);
        var query = period == null || period.isBlank()
                ? Evaluation.<Evaluation>find("targetId", Sort.descending("periodEnd", "id"), targetId)
                : Evaluation.<Evaluation>find("targetId = ?1 and period = ?2", Sort.descending("id"), targetId, canonical(period));
        Evaluation evaluation = query.firstResult();
        if (evaluation == null) {
            throw ProblemException.notFound("evaluation of " + targetId + (period == null ? "" : " for period"),
                    period == null ? targetId : period);
        }
        Plan plan = Plan.findById(target.planId);
        return new Explanation(target.id, evaluation.targetVersion, target.trajectory, evaluation.period,
                evaluation.observationId, evaluation.observationRevision, evaluation.status,
                Status.valueOf(evaluation.status).labelZh(), evaluation.explanation, evaluation.terms, evaluation.forecast,
                new SourceView(plan.sourceFile, target.sourceQuote), evaluation.evaluatedAt);
    }

    private static String canonical(String period) {
        try {
            return org.planwatch.platform.domain.Period.parse(period).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("query parameter 'period' is not a period",
                    List.of(org.planwatch.platform.problem.Violation.ofField("period", e.getMessage())));
        }
    }

    /**
     * Counts by status of the live targets of a plan and/or region (the whole catalog if neither), the worst first;
     * answered from {@link ProgressCache} while nothing was evaluated or changed here since.
     */
    public Progress progress(String planId, String regionCode, int limit) {
        return progressCache.get(new ProgressCache.Query(planId, regionCode, limit), this::computeProgress);
    }

    private Progress computeProgress(ProgressCache.Query query) {
        String planId = query.planId();
        String regionCode = query.regionCode();
        int limit = query.limit();
        Map<String, Long> byStatus = TargetProgress.countsByStatus(planId, regionCode, SEVERITY_ORDER);
        int targets = (int) byStatus.values().stream().mapToLong(Long::longValue).sum();
        List<ProgressItem> worst = limit == 0 ? List.of()
                : TargetProgress.worst(planId, regionCode, SEVERITY_ORDER, limit).stream().map(CatalogService::item).toList();
        return new Progress(planId, regionCode, targets, byStatus, worst);
    }

    static final String NOT_REPORTED = TargetProgress.NOT_REPORTED;
    /** Worst first, as a supervision report would order them. */
    static final List<String> SEVERITY_ORDER = List.of("REGRESSING", "MISSED", "BREACHED", "LAGGING", "AT_RISK",
            "NO_BASELINE", NOT_REPORTED, "NOT_JUDGED", "ON_TRACK", "ACHIEVED");

    private static ProgressItem item(TargetProgress.Row row) {
        return new ProgressItem(row.targetId(), row.planId(), row.indicatorCode(), row.indicatorNameZh(), row.regionCode(),
                row.regionNameZh(), row.status(), NOT_REPORTED.equals(row.status()) ? "未报送" : Status.valueOf(row.status()).labelZh(),
                row.period(), row.actual(), row.expected(), row.targetValue(), row.unit(), row.progressRatio(),
                row.forecastProbability(), row.leadDepartments());
    }

    /** Every version of a target, oldest first, as the plan stated it. */
    public List<org.planwatch.indicator.domain.TargetVersion> versions(String targetId) {
        findTarget(targetId);
        return org.planwatch.indicator.domain.TargetVersion.<org.planwatch.indicator.domain.TargetVersion>list(
                "id.targetId", Sort.by("id.version"), targetId);
    }

    private static Target findTarget(String id) {
        Target target = Target.findById(id);
        if (target == null) {
            throw ProblemException.notFound("target", id);
        }
        return target;
    }

    private PlanView view(Plan plan) {
        return new PlanView(plan.id, plan.title, plan.issuer, plan.documentNumber, plan.issuedOn, plan.sourceFile,
                view(Region.<Region>findById(plan.regionCode)), Target.count("planId", plan.id), plan.onTrackThreshold,
                plan.atRiskThreshold, plan.notes);
    }

    /** The latest evaluation of each target, in one query (not one per target). */
    private static Map<String, Evaluation> latestOf(List<Target> targets) {
        Map<String, Evaluation> latest = new HashMap<>();
        if (!targets.isEmpty()) {
            Evaluation.latestOf(targets.stream().map(target -> target.id).toList()).forEach(e -> latest.put(e.targetId, e));
        }
        return latest;
    }

    private TargetView view(Target target) {
        return view(target, Evaluation.<Evaluation>find("targetId", Sort.descending("periodEnd", "id"), target.id).firstResult());
    }

    private TargetView view(Target target, Evaluation latest) {
        Plan plan = Plan.findById(target.planId);
        return new TargetView(target.id, target.version, target.retiredAt,
                new PlanRef(plan.id, plan.title, plan.documentNumber),
                view(Indicator.<Indicator>findById(target.indicatorCode)),
                view(Region.<Region>findById(target.regionCode)),
                target.baselineValue == null ? null
                        : new BaselineView(target.baselineValue, target.baselinePeriod, target.baselineQuote),
                target.targetValue, target.unit, target.comparator, target.deadline, target.trajectory,
                target.growthKind, target.startPeriod, target.leadDepartments, target.cooperatingDepartments,
                new SourceView(plan.sourceFile, target.sourceQuote), target.notes,
                latest == null ? null : view(latest));
    }

    private static RegionView view(Region region) {
        return new RegionView(region.code, region.nameZh, region.nameEn, region.parentCode);
    }

    private static IndicatorView view(Indicator indicator) {
        return new IndicatorView(indicator.code, indicator.nameZh, indicator.nameEn, indicator.unit,
                indicator.direction, indicator.frequency, indicator.basis);
    }

    private static EvaluationView view(Evaluation evaluation) {
        return new EvaluationView(evaluation.id, evaluation.targetId, evaluation.targetVersion, evaluation.period, evaluation.observationId,
                evaluation.observationRevision, evaluation.actual, evaluation.expected, evaluation.gap,
                evaluation.progressRatio, evaluation.status, Status.valueOf(evaluation.status).labelZh(),
                evaluation.explanation, evaluation.terms, evaluation.forecast, evaluation.evaluatedAt);
    }
}
