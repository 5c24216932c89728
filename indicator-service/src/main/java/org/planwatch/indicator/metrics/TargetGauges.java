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
import org.planwatch.indicator.service.EvaluationService.EvaluationRecorded;

/**
 * Per-target gauges of the latest evaluated period: {@code planwatch_target_actual},
 * {@code _expected}, {@code _value} (the target), {@code _progress_ratio}, and
 * {@code planwatch_target_status} (1, labelled with the current status; one series per target).
 * Labels are plan, indicator, region and deadline: bounded by the catalog.
 */
@ApplicationScoped
public class TargetGauges {

    private final MeterRegistry registry;
    private final Map<String, TargetState> states = new ConcurrentHashMap<>();

    public TargetGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Holds the latest values the gauges read; NaN where the evaluation has no such number. */
    static final class TargetState {
        volatile int periodEnd = Integer.MIN_VALUE;
        volatile long evaluationId = Long.MIN_VALUE;
        volatile double actual = Double.NaN;
        volatile double expected = Double.NaN;
        volatile double ratio = Double.NaN;
        volatile Gauge statusGauge;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<Evaluation> latest = Evaluation.getEntityManager().createNativeQuery(
                "select distinct on (target_id) * from evaluation order by target_id, period_end desc, id desc",
                Evaluation.class).getResultList();
        for (Evaluation evaluation : latest) {
            Target target = Target.findById(evaluation.targetId);
            if (target != null) {
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
        state.actual = evaluation.actual.doubleValue();
        state.expected = evaluation.expected == null ? Double.NaN : evaluation.expected.doubleValue();
        state.ratio = evaluation.progressRatio == null ? Double.NaN : evaluation.progressRatio;
        if (state.statusGauge != null) {
            if (state.statusGauge.getId().getTag("status").equals(evaluation.status)) {
                return;
            }
            registry.remove(state.statusGauge);
        }
        state.statusGauge = Gauge.builder("planwatch.target.status", () -> 1)
                .description("Current status of a target (the series carrying the status label is 1)")
                .tags(tags(target).and("status", evaluation.status))
                .register(registry);
    }

    private TargetState register(Target target) {
        TargetState state = new TargetState();
        Tags tags = tags(target);
        Gauge.builder("planwatch.target.actual", state, s -> s.actual)
                .description("Latest figure of the target's indicator, in the target's unit").tags(tags).register(registry);
        Gauge.builder("planwatch.target.expected", state, s -> s.expected)
                .description("Where the trajectory expected the figure to be for the same period").tags(tags).register(registry);
        Gauge.builder("planwatch.target.progress.ratio", state, s -> s.ratio)
                .description("Progress ratio r (完成进度 ÷ 时间进度)").tags(tags).register(registry);
        Gauge.builder("planwatch.target.value", target, t -> t.targetValue.doubleValue())
                .description("The value the plan promises by its deadline").tags(tags).register(registry);
        return state;
    }

    private static Tags tags(Target target) {
        return Tags.of("plan", target.planId, "indicator", target.indicatorCode, "region", target.regionCode,
                "deadline", target.deadline);
    }
}
