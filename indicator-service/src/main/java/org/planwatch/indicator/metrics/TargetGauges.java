package org.planwatch.indicator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.domain.Target;
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.indicator.service.EvaluationService.EvaluationRecorded;

/**
 * Per-target gauges of the latest evaluated period, labelled plan, indicator, region and unit
 * (bounded by the catalog; a plan sets one target per indicator and region):
 * {@code planwatch_target_actual}, {@code _expected}, {@code _value} (the target),
 * {@code _progress_ratio}, {@code _forecast} (projected value at the deadline),
 * {@code _forecast_probability}, and {@code planwatch_target_status} with one series per status,
 * 1 for the current one and 0 for the others.
 */
@ApplicationScoped
public class TargetGauges {

    private final MeterRegistry registry;
    private final Map<String, TargetState> states = new ConcurrentHashMap<>();

    public TargetGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The latest values the gauges read; NaN where the evaluation has no such number. */
    static final class TargetState {
        volatile int periodEnd = Integer.MIN_VALUE;
        volatile long evaluationId = Long.MIN_VALUE;
        volatile double actual = Double.NaN;
        volatile double expected = Double.NaN;
        volatile double ratio = Double.NaN;
        volatile double forecast = Double.NaN;
        volatile double probability = Double.NaN;
        volatile Status status;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<Evaluation> latest = Evaluation.latestPerTarget();
        for (Evaluation evaluation : latest) {
            Target target = Target.findById(evaluation.targetId);
            if (target != null && target.retiredAt == null) {
                update(evaluation, target);
            }
        }
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvaluationRecorded recorded) {
        update(recorded.evaluation(), recorded.target());
        Counter.builder("planwatch.evaluations")
                .description("Evaluations stored, by status")
                .tag("status", recorded.evaluation().status)
                .register(registry)
                .increment();
    }

    /** Moves the gauges to this evaluation unless a later period (or a later revision) is already shown. */
    synchronized void update(Evaluation evaluation, Target target) {
        TargetState state = states.computeIfAbsent(target.id, id -> register(target));
        boolean newer = evaluation.periodEnd > state.periodEnd
                || (evaluation.periodEnd == state.periodEnd && evaluation.id != null && evaluation.id > state.evaluationId);
        if (!newer) {
            return;
        }
        state.periodEnd = evaluation.periodEnd;
        state.evaluationId = evaluation.id == null ? Long.MIN_VALUE : evaluation.id;
        state.actual = evaluation.actual == null ? Double.NaN : evaluation.actual.doubleValue();
        state.expected = evaluation.expected == null ? Double.NaN : evaluation.expected.doubleValue();
        state.ratio = evaluation.progressRatio == null ? Double.NaN : evaluation.progressRatio;
        state.forecast = evaluation.forecast == null ? Double.NaN : evaluation.forecast.projected();
        state.probability = evaluation.forecast == null ? Double.NaN : evaluation.forecast.probability();
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
        Gauge.builder("planwatch.target.value", target, t -> t.targetValue.doubleValue())
                .description("The value the plan promises by its deadline").tags(tags).register(registry);
        for (Status status : Status.values()) {
            Gauge.builder("planwatch.target.status", state, s -> s.status == status ? 1 : 0)
                    .description("1 on the series of the target's current status, 0 on the others")
                    .tags(tags.and("status", status.name()))
                    .register(registry);
        }
        return state;
    }
}
