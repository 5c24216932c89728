package org.planwatch.indicator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.planwatch.indicator.config.MetricsConfig;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.domain.LatestFigures;
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.indicator.service.EvaluationService.EvaluationsRecorded;
import org.planwatch.indicator.service.PlanService;

/**
 * The target gauges, read from the database.
 * <p>
 * {@code planwatch_targets} (labels plan, region, status) counts the active targets of a plan and region whose latest
 * evaluation has that status, counted with one GROUP BY: bounded by plans × regions × statuses, it covers every target
 * whatever the catalog size, and a row that no longer has targets leaves the export.
 * <p>
 * Per-target gauges of the latest evaluated period, labelled plan, indicator, region and unit:
 * {@code planwatch_target_actual}, {@code _expected}, {@code _value} (the target),
 * {@code _progress_ratio}, {@code _forecast} (projected value at the deadline) with
 * {@code _forecast_lower} and {@code _forecast_upper} (its 80% interval), {@code _forecast_probability}, {@code planwatch_target_status} with one series per status
 * (1 for the current one, 0 for the others), {@code planwatch_target_status_periods} (how many
 * reported periods in a row ended in the current status) and {@code planwatch_target_info} (1, one
 * series per lead department, for routing alerts). That is about 20 series per target, too many for a catalog of
 * hundreds of thousands of targets, so they are capped by {@code planwatch.metrics.target-series.max-targets} (N):
 * <ul>
 * <li>while the active catalog has at most N targets, every evaluated active target has them;</li>
 * <li>above N, only targets whose latest status needs attention ({@link #ATTENTION}: BREACHED, MISSED, REGRESSING,
 * LAGGING, AT_RISK — the statuses the Prometheus alert rules fire on among them) have them, at most N, chosen in
 * that order of status and then by target id. A target that leaves those statuses loses its series at once; one
 * that enters them gets series right away while fewer than N targets have series, else at the next full read.</li>
 * </ul>
 * A retired target leaves the counts at the next recount and loses its series at the next full read.
 * <p>
 * The gauges follow the database: the targets this replica just evaluated right after the commit (an index lookup
 * each, so a month-end costs O(targets touched)); {@code planwatch_targets} again after evaluations or plan changes
 * committed here, at most every {@code planwatch.metrics.recount} (the count also says whether the catalog is above
 * the cap); and everything every {@code planwatch.metrics.refresh} for what other replicas stored, so every replica
 * shows the same. Reads are projections of the needed columns, never entities, and read the
 * figures of the targets that get series only.
 */
@ApplicationScoped
public class TargetGauges {

    /** The statuses that keep per-target series above the cap, in the order they fill it (most urgent first). */
    static final List<Status> ATTENTION = List.of(Status.BREACHED, Status.MISSED, Status.REGRESSING, Status.LAGGING,
            Status.AT_RISK);
    private static final List<String> ATTENTION_NAMES = ATTENTION.stream().map(Status::name).toList();

    private final MeterRegistry registry;
    private final Clock clock;
    private final MetricsConfig config;
    /** Per-target series by target id; changed by the reads only, which hold the monitor. */
    private final Map<String, TargetSeries> series = new HashMap<>();
    /** planwatch_targets rows by their tags. */
    private final Map<Tags, CountRow> counts = new HashMap<>();
    /** Targets evaluated here since the last read. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    /** Looked up once per status, not in the registry for every evaluation. */
    private final Map<String, Counter> evaluationsByStatus = new ConcurrentHashMap<>();
    /** Set after evaluations stored here: planwatch_targets is counted again when the recount interval allows. */
    private volatile boolean countsStale;
    private Instant refreshedAt = Instant.MIN;
    private Instant countedAt = Instant.MIN;
    /** Active targets at the last count; -1 before the first. */
    private long activeTargets = -1;

    public TargetGauges(MeterRegistry registry, Clock clock, MetricsConfig config) {
        this.registry = registry;
        this.clock = clock;
        this.config = config;
    }

    /** The values the gauges of one target read; NaN where the latest evaluation has no such number. */
    static final class TargetSeries {
        final Labels labels;
        final List<Meter> meters = new ArrayList<>();
        volatile double actual = Double.NaN;
        volatile double expected = Double.NaN;
        volatile double value = Double.NaN;
        volatile double ratio = Double.NaN;
        volatile double forecast = Double.NaN;
        volatile double probability = Double.NaN;
        volatile double lower = Double.NaN;
        volatile double upper = Double.NaN;
        volatile double periods = Double.NaN;
        volatile Status status;

        TargetSeries(Labels labels) {
            this.labels = labels;
        }
    }

    /** What names a target's series; a plan change that alters it replaces them. */
    record Labels(String plan, String indicator, String region, String unit, List<String> departments) {

        static Labels of(LatestFigures figures) {
            return new Labels(figures.planId(), figures.indicatorCode(), figures.regionCode(), figures.unit(),
                    figures.leadDepartments().isEmpty() ? List.of("") : List.copyOf(figures.leadDepartments()));
        }
    }

    /** One planwatch_targets series and the count it reads. */
    private record CountRow(Gauge gauge, AtomicLong targets) {
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvaluationsRecorded recorded) {
        for (Evaluation evaluation : recorded.evaluations()) {
            evaluationsByStatus.computeIfAbsent(evaluation.status, status -> Counter.builder("planwatch.evaluations")
                    .description("Evaluations stored, by status")
                    .tag("status", status)
                    .register(registry)).increment();
            touched.add(evaluation.targetId);
        }
        countsStale = true;
    }

    /** A plan document applied: the catalog's size and retired targets change what is counted and which targets get series. */
    void afterPlanChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PlanService.PlanChange change) {
        countsStale = true;
    }

    /**
     * Reads everything when the last full read is older than the refresh interval; else the counts when they are stale
     * and the last count is older than the recount interval, then the targets evaluated here since (after the count,
     * so whether the catalog is above the cap is as fresh as it can be).
     */
    @Scheduled(every = "${planwatch.metrics.check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshWhenDue() {
        Instant now = clock.instant();
        if (!now.isBefore(refreshedAt.plus(config.refresh()))) {
            touched.clear();
            countsStale = false;
            refresh();
            refreshedAt = now;
            countedAt = now;
            return;
        }
        if (countsStale && !now.isBefore(countedAt.plus(config.recount()))) {
            // Cleared before counting: evaluations and plan changes committed meanwhile mark it again.
            countsStale = false;
            count();
            countedAt = now;
        }
        if (!touched.isEmpty()) {
            List<String> ids = List.copyOf(touched);
            touched.removeAll(ids);
            refreshTargets(ids);
        }
    }

    /** Counts planwatch_targets and reads the per-target series of the targets that get them. */
    @Transactional
    synchronized void refresh() {
        count();
        List<LatestFigures> selected = capped()
                ? LatestFigures.withStatus(ATTENTION_NAMES, config.targetSeries().maxTargets())
                : LatestFigures.ofActiveTargets();
        Set<String> kept = new HashSet<>();
        selected.forEach(figures -> kept.add(figures.targetId()));
        for (String id : List.copyOf(series.keySet())) {
            if (!kept.contains(id)) {
                remove(id);
            }
        }
        Map<String, Integer> periods = Evaluation.statusPeriodsOf(kept);
        for (LatestFigures figures : selected) {
            show(figures, periods.getOrDefault(figures.targetId(), 1));
        }
    }

    /**
     * Reads the per-target series of {@code ids}, evaluated here: shown, updated or removed by the cap's rule. Above the
     * cap only the figures that can be shown are read — those needing attention, and once every slot is taken only of
     * targets that already have series (at 570,000 targets a month-end's reads of every target evaluated were a tenth
     * of PostgreSQL's time, for the one in a hundred that has series).
     */
    @Transactional
    synchronized void refreshTargets(Collection<String> ids) {
        int maxTargets = config.targetSeries().maxTargets();
        boolean capped = capped();
        List<String> candidates = capped && series.size() >= maxTargets
                ? ids.stream().filter(series::containsKey).toList()
                : List.copyOf(ids);
        Map<String, LatestFigures> latest = new HashMap<>();
        if (!candidates.isEmpty()) {
            (capped ? LatestFigures.of(candidates, ATTENTION_NAMES) : LatestFigures.of(candidates))
                    .forEach(figures -> latest.put(figures.targetId(), figures));
        }
        List<LatestFigures> shown = chooseShown(ids, latest, series.keySet(), capped, maxTargets);
        Set<String> shownIds = new HashSet<>();
        shown.forEach(figures -> shownIds.add(figures.targetId()));
        for (String id : ids) {
            if (!shownIds.contains(id)) {
                remove(id);
            }
        }
        if (!shown.isEmpty()) {
            Map<String, Integer> periods = Evaluation.statusPeriodsOf(List.copyOf(shownIds));
            for (LatestFigures figures : shown) {
                show(figures, periods.getOrDefault(figures.targetId(), 1));
            }
        }
    }

    /**
     * Which of {@code ids}, just evaluated, have per-target series afterwards: below the cap every one evaluated and
     * active ({@code latest} holds its figures); above it those needing attention that have series already, then new
     * ones in the order given while slots are left, so a burst of evaluations never takes more than {@code maxTargets}.
     */
    static List<LatestFigures> chooseShown(Collection<String> ids, Map<String, LatestFigures> latest,
            Set<String> withSeries, boolean capped, int maxTargets) {
        List<LatestFigures> shown = new ArrayList<>();
        int slotsLeft = maxTargets - withSeries.size();
        for (String id : ids) {
            LatestFigures figures = latest.get(id);
            if (figures == null) {
                continue;
            }
            if (!capped || needsAttention(figures) && withSeries.contains(id)) {
                shown.add(figures);
            } else if (needsAttention(figures) && slotsLeft > 0) {
                shown.add(figures);
                slotsLeft--;
            }
        }
        return shown;
    }

    /** Counts the active targets by plan, region and latest status into planwatch_targets. */
    @Transactional
    synchronized void count() {
        Map<Tags, Long> rows = new HashMap<>();
        long active = 0;
        for (Evaluation.StatusCount row : Evaluation.latestStatusCounts()) {
            active += row.targets();
            if (row.status() != null) {
                rows.put(Tags.of("plan", row.planId(), "region", row.regionCode(), "status", row.status()), row.targets());
            }
        }
        activeTargets = active;
        counts.entrySet().removeIf(entry -> {
            if (rows.containsKey(entry.getKey())) {
                return false;
            }
            registry.remove(entry.getValue().gauge());
            return true;
        });
        rows.forEach((tags, targets) -> counts.computeIfAbsent(tags, this::registerCount).targets().set(targets));
    }

    private CountRow registerCount(Tags tags) {
        AtomicLong targets = new AtomicLong();
        Gauge gauge = Gauge.builder("planwatch.targets", targets, AtomicLong::get)
                .description("Active targets of the plan and region whose latest evaluation has the status")
                .tags(tags).strongReference(true).register(registry);
        return new CountRow(gauge, targets);
    }

    /** Whether the active catalog is larger than the cap, so only targets needing attention get series. */
    private boolean capped() {
        return activeTargets > config.targetSeries().maxTargets();
    }

    private static boolean needsAttention(LatestFigures figures) {
        return ATTENTION_NAMES.contains(figures.status());
    }

    private void show(LatestFigures figures, int periods) {
        Labels labels = Labels.of(figures);
        TargetSeries target = series.get(figures.targetId());
        if (target != null && !target.labels.equals(labels)) {
            remove(figures.targetId());
            target = null;
        }
        if (target == null) {
            target = register(labels);
            series.put(figures.targetId(), target);
        }
        target.actual = figures.actual() == null ? Double.NaN : figures.actual().doubleValue();
        target.expected = figures.expected() == null ? Double.NaN : figures.expected().doubleValue();
        target.value = figures.targetValue().doubleValue();
        target.ratio = orNaN(figures.progressRatio());
        target.forecast = orNaN(figures.forecast());
        target.probability = orNaN(figures.forecastProbability());
        target.lower = orNaN(figures.forecastLower());
        target.upper = orNaN(figures.forecastUpper());
        target.periods = periods;
        target.status = Status.valueOf(figures.status());
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private void remove(String targetId) {
        TargetSeries removed = series.remove(targetId);
        if (removed != null) {
            removed.meters.forEach(registry::remove);
        }
    }

    private TargetSeries register(Labels labels) {
        TargetSeries state = new TargetSeries(labels);
        Tags tags = Tags.of("plan", labels.plan(), "indicator", labels.indicator(), "region", labels.region(),
                "unit", labels.unit());
        List<Meter> meters = state.meters;
        meters.add(Gauge.builder("planwatch.target.actual", state, s -> s.actual)
                .description("Latest figure of the target's indicator, in the target's unit").tags(tags).register(registry));
        meters.add(Gauge.builder("planwatch.target.expected", state, s -> s.expected)
                .description("Where the trajectory expected the figure to be for the same period").tags(tags).register(registry));
        meters.add(Gauge.builder("planwatch.target.progress.ratio", state, s -> s.ratio)
                .description("Progress ratio r (完成进度 ÷ 时间进度)").tags(tags).register(registry));
        meters.add(Gauge.builder("planwatch.target.forecast", state, s -> s.forecast)
                .description("Projected value at the deadline (fitted trend)").tags(tags).register(registry));
        meters.add(Gauge.builder("planwatch.target.forecast.probability", state, s -> s.probability)
                .description("Probability of meeting the target at the deadline under the fitted trend").tags(tags)
                .register(registry));
        meters.add(Gauge.builder("planwatch.target.forecast.lower", state, s -> s.lower)
                .description("Lower end of the forecast's 80% prediction interval at the deadline").tags(tags).register(registry));
        meters.add(Gauge.builder("planwatch.target.forecast.upper", state, s -> s.upper)
                .description("Upper end of the forecast's 80% prediction interval at the deadline").tags(tags).register(registry));
        meters.add(Gauge.builder("planwatch.target.value", state, s -> s.value)
                .description("The value the plan promises by its deadline").tags(tags).register(registry));
        meters.add(Gauge.builder("planwatch.target.status.periods", state, s -> s.periods)
                .description("Reported periods in a row (newest first) whose latest evaluation has the current status")
                .tags(tags).register(registry));
        for (Status status : Status.values()) {
            meters.add(Gauge.builder("planwatch.target.status", state, s -> s.status == status ? 1 : 0)
                    .description("1 on the series of the target's current status, 0 on the others")
                    .tags(tags.and("status", status.name()))
                    .register(registry));
        }
        for (String department : labels.departments()) {
            meters.add(Gauge.builder("planwatch.target.info", state, s -> 1)
                    .description("1 for each lead department of the target (empty when the plan names none)")
                    .tags(tags.and("department", department))
                    .register(registry));
        }
        return state;
    }
}
