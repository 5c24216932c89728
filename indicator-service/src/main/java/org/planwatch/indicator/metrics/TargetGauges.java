package org.planwatch.indicator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.planwatch.indicator.config.MetricsConfig;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.domain.Target;
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.indicator.service.EvaluationService.EvaluationsRecorded;

/**
 * Per-target gauges of the latest evaluated period, labelled plan, indicator, region and unit
 * (bounded by the catalog; a plan sets one target per indicator and region):
 * {@code planwatch_target_actual}, {@code _expected}, {@code _value} (the target),
 * {@code _progress_ratio}, {@code _forecast} (projected value at the deadline) with
 * {@code _forecast_lower} and {@code _forecast_upper} (its 80% interval), {@code _forecast_probability}, {@code planwatch_target_status} with one series per status
 * (1 for the current one, 0 for the others), {@code planwatch_target_status_periods} (how many
 * reported periods in a row ended in the current status) and {@code planwatch_target_info} (1, one
 * series per lead department, for routing alerts).
 * <p>
 * The gauges are read from the database: the targets this replica just evaluated right after the
 * commit (an index lookup each, so a month-end costs O(targets touched)), and every target every
 * {@code planwatch.metrics.refresh} for what other replicas stored, so every replica shows the same.
 */
@ApplicationScoped
public class TargetGauges {

    private final MeterRegistry registry;
    private final Clock clock;
    private final MetricsConfig config;
    private final Map<String, TargetState> states = new ConcurrentHashMap<>();
    /** Targets evaluated here since the last read. */
    private final java.util.Set<String> touched = ConcurrentHashMap.newKeySet();
    private volatile Instant refreshedAt = Instant.MIN;

    public TargetGauges(MeterRegistry registry, Clock clock, MetricsConfig config) {
        this.registry = registry;
        this.clock = clock;
        this.config = config;
    }

    /** The values the gauges read; NaN where the latest evaluation has no such number. */
    static final class TargetState {
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
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvaluationsRecorded recorded) {
        for (Evaluation evaluation : recorded.evaluations()) {
            Counter.builder("planwatch.evaluations")
                    .description("Evaluations stored, by status")
                    .tag("status", evaluation.status)
                    .register(registry)
                    .increment();
            touched.add(evaluation.targetId);
        }
    }

    /** Reads every gauge when the last full read is older than the refresh interval, else the targets evaluated here since. */
    @Scheduled(every = "${planwatch.metrics.check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshWhenDue() {
        Instant now = clock.instant();
        if (!now.isBefore(refreshedAt.plus(config.refresh()))) {
            touched.clear();
            refresh();
            refreshedAt = now;
        } else if (!touched.isEmpty()) {
            List<String> ids = List.copyOf(touched);
            touched.removeAll(ids);
            refreshTargets(ids);
        }
    }

    @Transactional
    void refresh() {
        Map<String, Target> targets = Target.<Target>list("retiredAt is null").stream()
                .collect(Collectors.toMap(t -> t.id, Function.identity()));
        apply(targets, Evaluation.statusPeriodsPerTarget(), Evaluation.latestPerTarget());
    }

    @Transactional
    void refreshTargets(List<String> ids) {
        Map<String, Target> targets = Target.<Target>list("id in ?1 and retiredAt is null", ids).stream()
                .collect(Collectors.toMap(t -> t.id, Function.identity()));
        apply(targets, Evaluation.statusPeriodsOf(ids), Evaluation.latestOf(ids));
    }

    private void apply(Map<String, Target> targets, Map<String, Integer> periods, List<Evaluation> latest) {
        for (Evaluation evaluation : latest) {
            Target target = targets.get(evaluation.targetId);
            if (target != null) {
                update(states.computeIfAbsent(target.id, id -> register(target)), evaluation, target,
                        periods.getOrDefault(target.id, 1));
            }
        }
    }

    private static void update(TargetState state, Evaluation evaluation, Target target, int periods) {
        state.actual = evaluation.actual == null ? Double.NaN : evaluation.actual.doubleValue();
        state.expected = evaluation.expected == null ? Double.NaN : evaluation.expected.doubleValue();
        state.value = target.targetValue.doubleValue();
        state.ratio = evaluation.progressRatio == null ? Double.NaN : evaluation.progressRatio;
        state.forecast = evaluation.forecast == null ? Double.NaN : evaluation.forecast.projected();
        state.probability = evaluation.forecast == null ? Double.NaN : evaluation.forecast.probability();
        state.lower = evaluation.forecast == null ? Double.NaN : evaluation.forecast.lower80();
        state.upper = evaluation.forecast == null ? Double.NaN : evaluation.forecast.upper80();
        state.periods = periods;
        state.status = Status.valueOf(evaluation.status);
    }

    private TargetState register(Target target) {
        TargetState state = new TargetState();
        Tags tags = Tags.of("plan", target.planId, "indicator", target.indicatorCode, "region", target.regionCode,
                "unit", target.unit);
        Gauge.builder("planwatch.target.actual", state, s -> s.actual)
                .description("Latest figure of the target's indicator, in the target's unit").tags(tags).register(registry);
        Gauge.builder("planwatch.target.expected", state, s -> s.expected)
                .description("Where the trajectory expected the figure to be for the same period").tags(tags).register(registry);
        Gauge.builder("planwatch.target.progress.ratio", state, s -> s.ratio)
                .description("Progress ratio r (完成进度 ÷ 时间进度)").tags(tags).register(registry);
        Gauge.builder("planwatch.target.forecast", state, s -> s.forecast)
                .description("Projected value at the deadline (fitted trend)").tags(tags).register(registry);
        Gauge.builder("planwatch.target.forecast.probability", state, s -> s.probability)
                .description("Probability of meeting the target at the deadline under the fitted trend").tags(tags)
                .register(registry);
        Gauge.builder("planwatch.target.forecast.lower", state, s -> s.lower)
                .description("Lower end of the forecast's 80% prediction interval at the deadline").tags(tags).register(registry);
        Gauge.builder("planwatch.target.forecast.upper", state, s -> s.upper)
                .description("Upper end of the forecast's 80% prediction interval at the deadline").tags(tags).register(registry);
        Gauge.builder("planwatch.target.value", state, s -> s.value)
                .description("The value the plan promises by its deadline").tags(tags).register(registry);
        Gauge.builder("planwatch.target.status.periods", state, s -> s.periods)
                .description("Reported periods in a row (newest first) whose latest evaluation has the current status")
                .tags(tags).register(registry);
        for (Status status : Status.values()) {
            Gauge.builder("planwatch.target.status", state, s -> s.status == status ? 1 : 0)
                    .description("1 on the series of the target's current status, 0 on the others")
                    .tags(tags.and("status", status.name()))
                    .register(registry);
        }
        List<String> departments = target.leadDepartments.isEmpty() ? List.of("") : target.leadDepartments;
        for (String department : departments) {
            Gauge.builder("planwatch.target.info", state, s -> 1)
                    .description("1 for each lead department of the target (empty when the plan names none)")
                    .tags(tags.and("department", department))
                    .register(registry);
        }
        return state;
    }
}
