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
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.indicator.rest.CatalogViews.BaselineView;
import org.planwatch.indicator.rest.CatalogViews.EvaluationView;
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
        return Target.<Target>list(query.toString(), Sort.by("id"), parameters).stream().map(this::view).toList();
    }

    public TargetView target(String id) {
        return view(findTarget(id));
    }

    public List<EvaluationView> evaluations(String targetId) {
        findTarget(targetId);
        return Evaluation.<Evaluation>list("targetId", Sort.by("periodEnd").and("id"), targetId).stream()
                .map(CatalogService::view).toList();
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

    private TargetView view(Target target) {
        Plan plan = Plan.findById(target.planId);
        Evaluation latest = Evaluation.<Evaluation>find("targetId", Sort.descending("periodEnd", "id"), target.id)
                .firstResult();
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
                evaluation.explanation, evaluation.evaluatedAt);
    }
}
