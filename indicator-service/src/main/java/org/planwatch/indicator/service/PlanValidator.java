package org.planwatch.indicator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.planwatch.indicator.catalog.CatalogFiles.PlanFile;
import org.planwatch.indicator.catalog.CatalogFiles.TargetEntry;
import org.planwatch.indicator.domain.Indicator;
import org.planwatch.indicator.domain.Region;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.domain.Units;
import org.planwatch.platform.problem.Violation;

/** Checks a plan document field by field before it enters the catalog; every problem is named. */
@ApplicationScoped
public class PlanValidator {

    static final Set<String> TRAJECTORIES = Set.of("linear", "compound", "hold", "annual", "cumulative", "growth");
    static final Set<String> COMPARATORS = Set.of(">=", "<=");
    static final Set<String> GROWTH_KINDS = Set.of("average_annual", "year_on_year");

    public List<Violation> validate(PlanFile file) {
        List<Violation> violations = new ArrayList<>();
        if (file == null || file.plan() == null) {
            violations.add(Violation.ofField("plan", "plan is required"));
            return violations;
        }
        var plan = file.plan();
        required(violations, "plan.id", plan.id());
        required(violations, "plan.title", plan.title());
        required(violations, "plan.issuer", plan.issuer());
        required(violations, "plan.sourceFile", plan.sourceFile());
        if (plan.id() != null && !plan.id().matches("[a-z0-9][a-z0-9-]{1,94}")) {
            violations.add(Violation.ofField("plan.id", "use lowercase letters, digits and hyphens (e.g. weihai-innovative-city-2023)"));
        }
        if (plan.region() == null || Region.findById(plan.region()) == null) {
            violations.add(Violation.ofField("plan.region", "unknown region '" + plan.region() + "'"));
        }
        if (plan.thresholds() != null) {
            double onTrack = plan.thresholds().onTrack() == null ? 0.95 : plan.thresholds().onTrack();
            double atRisk = plan.thresholds().atRisk() == null ? 0.60 : plan.thresholds().atRisk();
            if (!(atRisk >= 0 && atRisk < onTrack && onTrack <= 1.5)) {
                violations.add(Violation.ofField("plan.thresholds", "thresholds must satisfy 0 ≤ atRisk < onTrack ≤ 1.5"));
            }
        }
        if (plan.issuedOn() != null) {
            try {
                LocalDate.parse(plan.issuedOn());
            } catch (DateTimeParseException e) {
                violations.add(Violation.ofField("plan.issuedOn", "'" + plan.issuedOn() + "' is not a date (YYYY-MM-DD)"));
            }
        }
        if (file.targets() == null || file.targets().isEmpty()) {
            violations.add(Violation.ofField("targets", "a plan needs at least one target"));
            return violations;
        }
        Set<String> ids = new HashSet<>();
        Set<String> series = new HashSet<>();
        for (int i = 0; i < file.targets().size(); i++) {
            TargetEntry target = file.targets().get(i);
            validate(violations, "targets[" + i + "]", target, ids);
            if (target != null && !series.add(target.indicator() + "|" + target.region())) {
                // Gauges and alerts name a target by plan, indicator and region.
                violations.add(Violation.ofField("targets[" + i + "]", "the plan already has a target for "
                        + target.indicator() + " in " + target.region() + "; a plan sets one target per indicator and region"));
            }
        }
        return violations;
    }

    private static void validate(List<Violation> violations, String at, TargetEntry t, Set<String> ids) {
        if (t == null) {
            violations.add(Violation.ofField(at, "target is empty"));
            return;
        }
        if (required(violations, at + ".id", t.id()) && !ids.add(t.id())) {
            violations.add(Violation.ofField(at + ".id", "id '" + t.id() + "' appears twice in this plan"));
        }
        Indicator indicator = t.indicator() == null ? null : Indicator.findById(t.indicator());
        if (indicator == null) {
            violations.add(Violation.ofField(at + ".indicator", "unknown indicator '" + t.indicator() + "'"));
        }
        if (t.region() == null || Region.findById(t.region()) == null) {
            violations.add(Violation.ofField(at + ".region", "unknown region '" + t.region() + "'"));
        }
        if (!COMPARATORS.contains(t.comparator())) {
            violations.add(Violation.ofField(at + ".comparator", "comparator must be >= or <="));
        }
        if (t.value() == null) {
            violations.add(Violation.ofField(at + ".value", "value is required"));
        }
        if (Units.find(t.unit()).isEmpty()) {
            violations.add(Violation.ofField(at + ".unit", "unknown unit '" + t.unit() + "'"));
        } else if (indicator != null && !"growth".equals(t.trajectory()) && !Units.sameDimension(t.unit(), indicator.unit)) {
            violations.add(Violation.ofField(at + ".unit", "unit '" + t.unit() + "' cannot express " + indicator.code
                    + " (measured in " + indicator.unit + ")"));
        }
        Period deadline = period(violations, at + ".deadline", t.deadline(), true);
        if (!TRAJECTORIES.contains(t.trajectory())) {
            violations.add(Violation.ofField(at + ".trajectory", "trajectory must be one of " + TRAJECTORIES.stream().sorted().toList()));
        }
        if ("growth".equals(t.trajectory()) && !GROWTH_KINDS.contains(t.growthKind())) {
            violations.add(Violation.ofField(at + ".growthKind", "a growth target needs growthKind average_annual or year_on_year"));
        }
        if ("cumulative".equals(t.trajectory()) || t.startPeriod() != null) {
            period(violations, at + ".startPeriod", t.startPeriod(), "cumulative".equals(t.trajectory()));
        }
        if (t.baseline() != null) {
            if (t.baseline().value() == null) {
                violations.add(Violation.ofField(at + ".baseline.value", "a baseline needs a value"));
            }
            Period baseline = period(violations, at + ".baseline.period", t.baseline().period(), true);
            if (baseline != null && deadline != null && baseline.endMonth() >= deadline.endMonth()) {
                violations.add(Violation.ofField(at + ".baseline.period", "the baseline must come before the deadline"));
            }
        }
        required(violations, at + ".quote", t.quote());
    }

    private static Period period(List<Violation> violations, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                violations.add(Violation.ofField(field, field.substring(field.lastIndexOf('.') + 1) + " is required"));
            }
            return null;
        }
        try {
            return Period.parse(value);
        } catch (IllegalArgumentException e) {
            violations.add(Violation.ofField(field, e.getMessage()));
            return null;
        }
    }

    private static boolean required(List<Violation> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.ofField(field, field.substring(field.lastIndexOf('.') + 1) + " is required"));
            return false;
        }
        return true;
    }
}
