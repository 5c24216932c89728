package org.planwatch.indicator.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.planwatch.indicator.catalog.CatalogFiles.BaselineEntry;
import org.planwatch.indicator.catalog.CatalogFiles.PlanEntry;
import org.planwatch.indicator.catalog.CatalogFiles.PlanFile;
import org.planwatch.indicator.catalog.CatalogFiles.TargetEntry;
import org.planwatch.indicator.domain.Plan;
import org.planwatch.indicator.domain.Target;
import org.planwatch.indicator.domain.TargetVersion;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * Puts a plan document into the catalog. A target whose definition changes gets a new version
 * (the previous one is kept in target_version and evaluations name the version they used); a
 * target the new document no longer has is retired, not deleted.
 */
@ApplicationScoped
public class PlanService {

    private final PlanValidator validator;
    private final Clock clock;
    private final jakarta.enterprise.event.Event<PlanChange> changes;

    public PlanService(PlanValidator validator, Clock clock, jakarta.enterprise.event.Event<PlanChange> changes) {
        this.validator = validator;
        this.clock = clock;
        this.changes = changes;
    }

    /** What applying a plan document changed; also fired as an event (the target gauges count the catalog again). */
    public record PlanChange(String planId, List<String> created, List<String> changed, List<String> unchanged,
            List<String> retired) {
    }

    @Transactional
    public PlanChange apply(PlanFile file) {
        List<Violation> violations = validator.validate(file);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("the plan document has " + violations.size() + " problem(s); nothing was changed",
                    violations);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        upsert(file.plan());
        List<String> created = new java.util.ArrayList<>();
        List<String> changed = new java.util.ArrayList<>();
        List<String> unchanged = new java.util.ArrayList<>();
        // One query for every target the document names, not one per target (plans can hold thousands).
        List<String> ids = file.targets().stream().map(TargetEntry::id).toList();
        Map<String, Target> existing = ids.isEmpty() ? Map.of()
                : Target.<Target>list("id in ?1", ids).stream().collect(Collectors.toMap(t -> t.id, t -> t));
        for (TargetEntry entry : file.targets()) {
            Target target = existing.get(entry.id());
            if (target != null && !file.plan().id().equals(target.planId)) {
                throw ProblemException.invalid("target ids belong to one plan", List.of(Violation.ofField("targets",
                        "target '" + entry.id() + "' belongs to plan '" + target.planId + "'")));
            }
            if (target == null) {
                target = new Target();
                target.id = entry.id();
                target.version = 1;
                copy(entry, file.plan().id(), target);
                target.persist();
                record(target.id, 1, entry, now);
                created.add(entry.id());
            } else if (target.retiredAt == null && sameDefinition(toEntry(target), entry)) {
                unchanged.add(entry.id());
            } else {
                target.version++;
                target.retiredAt = null;
                copy(entry, file.plan().id(), target);
                record(target.id, target.version, entry, now);
                changed.add(entry.id());
            }
        }
        Set<String> kept = file.targets().stream().map(TargetEntry::id).collect(Collectors.toSet());
        List<String> retired = Target.<Target>list("planId = ?1 and retiredAt is null", file.plan().id()).stream()
                .filter(t -> !kept.contains(t.id))
                .peek(t -> t.retiredAt = now)
                .map(t -> t.id)
                .toList();
        PlanChange change = new PlanChange(file.plan().id(), created, changed, unchanged, retired);
        changes.fire(change);
        return change;
    }

    private static void record(String targetId, int version, TargetEntry entry, OffsetDateTime now) {
        TargetVersion recorded = new TargetVersion();
        recorded.id = new TargetVersion.Key(targetId, version);
        recorded.definition = entry;
        recorded.recordedAt = now;
        recorded.persist();
    }

    private static void upsert(PlanEntry entry) {
        Plan plan = Objects.requireNonNullElseGet(Plan.findById(entry.id()), Plan::new);
        plan.id = entry.id();
        plan.title = entry.title();
        plan.issuer = entry.issuer();
        plan.documentNumber = entry.documentNumber();
        plan.issuedOn = entry.issuedOn() == null ? null : LocalDate.parse(entry.issuedOn());
        plan.sourceFile = entry.sourceFile();
        plan.regionCode = entry.region();
        plan.notes = listOrEmpty(entry.notes());
        plan.onTrackThreshold = entry.thresholds() == null || entry.thresholds().onTrack() == null ? 0.95
                : entry.thresholds().onTrack();
        plan.atRiskThreshold = entry.thresholds() == null || entry.thresholds().atRisk() == null ? 0.60
                : entry.thresholds().atRisk();
        plan.persist();
    }

    private static void copy(TargetEntry entry, String planId, Target target) {
        target.planId = planId;
        target.indicatorCode = entry.indicator();
        target.regionCode = entry.region();
        target.comparator = entry.comparator();
        target.targetValue = entry.value();
        target.unit = entry.unit();
        target.deadline = entry.deadline();
        target.trajectory = entry.trajectory();
        target.growthKind = entry.growthKind();
        target.startPeriod = entry.startPeriod();
        target.baselineValue = entry.baseline() == null ? null : entry.baseline().value();
        target.baselinePeriod = entry.baseline() == null ? null : entry.baseline().period();
        target.baselineQuote = entry.baseline() == null ? null : entry.baseline().quote();
        target.leadDepartments = listOrEmpty(entry.leadDepartments());
        target.cooperatingDepartments = listOrEmpty(entry.cooperatingDepartments());
        target.sourceQuote = entry.quote();
        target.notes = listOrEmpty(entry.notes());
    }

    static TargetEntry toEntry(Target t) {
        return new TargetEntry(t.id, t.indicatorCode, t.regionCode, t.comparator, t.targetValue, t.unit, t.deadline,
                t.trajectory, t.growthKind, t.startPeriod,
                t.baselineValue == null ? null : new BaselineEntry(t.baselineValue, t.baselinePeriod, t.baselineQuote),
                t.leadDepartments, t.cooperatingDepartments, t.sourceQuote, t.notes);
    }

    /** Equal definitions, 1600 and 1600.0 being the same number and an absent list the same as an empty one. */
    static boolean sameDefinition(TargetEntry a, TargetEntry b) {
        return Objects.equals(a.indicator(), b.indicator()) && Objects.equals(a.region(), b.region())
                && Objects.equals(a.comparator(), b.comparator()) && sameNumber(a.value(), b.value())
                && Objects.equals(a.unit(), b.unit()) && Objects.equals(a.deadline(), b.deadline())
                && Objects.equals(a.trajectory(), b.trajectory()) && Objects.equals(a.growthKind(), b.growthKind())
                && Objects.equals(a.startPeriod(), b.startPeriod()) && sameBaseline(a.baseline(), b.baseline())
                && listOrEmpty(a.leadDepartments()).equals(listOrEmpty(b.leadDepartments()))
                && listOrEmpty(a.cooperatingDepartments()).equals(listOrEmpty(b.cooperatingDepartments()))
                && Objects.equals(a.quote(), b.quote()) && listOrEmpty(a.notes()).equals(listOrEmpty(b.notes()));
    }

    private static boolean sameBaseline(BaselineEntry a, BaselineEntry b) {
        if (a == null || b == null) {
            return a == b;
        }
        return sameNumber(a.value(), b.value()) && Objects.equals(a.period(), b.period()) && Objects.equals(a.quote(), b.quote());
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static List<String> listOrEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
