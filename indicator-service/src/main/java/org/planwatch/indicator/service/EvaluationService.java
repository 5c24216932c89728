package org.planwatch.indicator.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.domain.Indicator;
import org.planwatch.indicator.domain.Plan;
import org.planwatch.indicator.domain.Region;
import org.planwatch.indicator.domain.SeriesPoint;
import org.planwatch.indicator.config.EvaluationConfig;
import org.planwatch.indicator.evaluation.Point;
import org.planwatch.indicator.domain.Target;
import org.planwatch.indicator.evaluation.Evaluator;
import org.planwatch.indicator.evaluation.Judgement;
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.indicator.evaluation.TargetSpec;
import org.planwatch.indicator.evaluation.Thresholds;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.domain.Units;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.MalformedEventException;
import org.planwatch.platform.events.ObservationData;
import org.planwatch.platform.events.Topics;
import org.planwatch.platform.inbox.ProcessedEvents;
import org.planwatch.platform.outbox.Outbox;

/**
 * Evaluates an observation against every target of its series (indicator × region), stores each
 * evaluation and publishes it through the outbox, all in one transaction with the record that
 * the observation event was processed.
 */
@ApplicationScoped
public class EvaluationService {

    static final String CONSUMER = "indicator-service.observations";
    private static final String SOURCE = "/planwatch/indicator-service";
    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final EventCodec codec;
    private final Clock clock;
    private final Event<EvaluationRecorded> recorded;
    private final EvaluationConfig config;

    public EvaluationService(ProcessedEvents processedEvents, Outbox outbox, EventCodec codec, Clock clock,
            Event<EvaluationRecorded> recorded, EvaluationConfig config) {
        this.config = config;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** Fired for every stored evaluation; observed after the commit (gauges). */
    public record EvaluationRecorded(Evaluation evaluation, Target target) {
    }

    /** An observation event as it arrived. */
    public record Delivery(String eventId, ObservationData observation) {
    }

    /** Evaluates a batch of observation events in order, in one transaction. */
    @Transactional
    public int evaluateAll(List<Delivery> deliveries) {
        int evaluations = 0;
        for (Delivery delivery : deliveries) {
            evaluations += evaluateInTransaction(delivery.eventId(), delivery.observation()).size();
        }
        return evaluations;
    }

    @Transactional
    public List<Evaluation> evaluate(String eventId, ObservationData observation) {
        return evaluateInTransaction(eventId, observation);
    }

    private List<Evaluation> evaluateInTransaction(String eventId, ObservationData observation) {
        Period period = parsePeriod(observation);
        if (!processedEvents.firstDelivery(CONSUMER, eventId)) {
            LOG.debugf("Observation event %s was already processed", eventId);
            return List.of();
        }
        if (!record(observation, period)) {
            LOG.infof("Observation %s revision %d is older than the one already held; not evaluated",
                    observation.observationId(), observation.revision());
            return List.of();
        }
        List<SeriesPoint> series = SeriesPoint.series(observation.indicator(), observation.region());
        List<Evaluation> evaluations = new ArrayList<>();
        for (Target target : Target.forSeries(observation.indicator(), observation.region())) {
            Evaluation evaluation = evaluate(target, observation, period, series);
            store(evaluation, target);
            evaluations.add(evaluation);
            supersedeMissedDeadline(evaluation, target, series).ifPresent(evaluations::add);
        }
        return evaluations;
    }

    /**
     * A figure for a period before the deadline that shows the target achieved, arriving after the deadline was judged
     * MISSED without it (by the deadline sweep, on the figures known then), supersedes that verdict: an ACHIEVED
     * evaluation of the deadline period resting on this figure is stored and published, and being the newest of the
     * deadline period it is the target's latest. It does so only when no newer figure of the series was judged for the
     * target, so the deadline verdict follows the newest figure up to the deadline in whatever order the figures
     * arrived; a figure of the deadline period itself needs nothing more, its own evaluation is the newest there.
     */
    private Optional<Evaluation> supersedeMissedDeadline(Evaluation achieving, Target target, List<SeriesPoint> series) {
        int deadlineEnd = Period.parse(target.deadline).endMonth();
        if (!Status.ACHIEVED.name().equals(achieving.status) || achieving.periodEnd >= deadlineEnd) {
            return Optional.empty();
        }
        Evaluation verdict = Evaluation.deadlineVerdict(target.id, deadlineEnd);
        if (verdict == null || !Status.MISSED.name().equals(verdict.status)) {
            return Optional.empty();
        }
        List<String> newerFigures = series.stream().filter(p -> p.periodEnd > achieving.periodEnd)
                .map(p -> p.observationId).toList();
        if (Evaluation.judgedAny(target.id, newerFigures)) {
            return Optional.empty();
        }
        Evaluation superseding = new Evaluation();
        superseding.targetId = target.id;
        superseding.targetVersion = achieving.targetVersion;
        superseding.period = target.deadline;
        superseding.periodEnd = deadlineEnd;
        superseding.observationId = achieving.observationId;
        superseding.observationRevision = achieving.observationRevision;
        superseding.actual = achieving.actual;
        superseding.expected = achieving.expected;
        superseding.gap = achieving.gap;
        superseding.progressRatio = achieving.progressRatio;
        superseding.status = Status.ACHIEVED.name();
        superseding.explanation = "the figure for " + achieving.period + " (A = " + achieving.actual.toPlainString()
                + "), which arrived after the deadline " + target.deadline + " was judged MISSED (evaluation " + verdict.id
                + "), shows the target reached on or before its deadline: ACHIEVED supersedes MISSED ("
                + achieving.explanation + ")";
        Map<String, Object> terms = new LinkedHashMap<>(achieving.terms);
        terms.put("figure period", achieving.period);
        terms.put("supersedes evaluation", verdict.id);
        superseding.terms = terms;
        superseding.evaluatedAt = achieving.evaluatedAt;
        store(superseding, target);
        LOG.infof("Target %s: the late figure %s shows it achieved; evaluation %d supersedes the MISSED evaluation %d",
                target.id, achieving.observationId, superseding.id, verdict.id);
        return Optional.of(superseding);
    }

    /**
     * Stores an evaluation and publishes it through the outbox (in the caller's transaction); the
     * gauges follow after the commit. Every evaluation, from a figure or from the deadline sweep, goes this way.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(Evaluation evaluation, Target target) {
        evaluation.persist();
        outbox.publish(Topics.EVALUATIONS, target.id, codec.envelope(SOURCE, Topics.EVALUATION_TYPE, target.id,
                evaluation.evaluatedAt, toEvent(evaluation, target)));
        recorded.fire(new EvaluationRecorded(evaluation, target));
    }

    /** Keeps the latest revision of each figure of the series; false when this revision is older than the one held. */
    private static boolean record(ObservationData observation, Period period) {
        SeriesPoint.Key key = new SeriesPoint.Key(observation.indicator(), observation.region(), period.toString());
        SeriesPoint point = SeriesPoint.findById(key, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (point != null && point.revision > observation.revision()) {
            return false;
        }
        if (point == null) {
            point = new SeriesPoint();
            point.id = key;
        }
        point.periodEnd = period.endMonth();
        point.firstMonth = period.firstMonth();
        point.value = observation.value();
        point.unit = observation.unit();
        point.basis = observation.basis();
        point.observationId = observation.observationId();
        point.revision = observation.revision();
        point.persist();
        return true;
    }

    private Evaluation evaluate(Target target, ObservationData observation, Period period, List<SeriesPoint> series) {
        Plan plan = Plan.findById(target.planId);
        Evaluation evaluation = new Evaluation();
        evaluation.targetId = target.id;
        evaluation.targetVersion = target.version;
        evaluation.period = period.toString();
        evaluation.periodEnd = period.endMonth();
        evaluation.observationId = observation.observationId();
        evaluation.observationRevision = observation.revision();
        evaluation.actual = observation.value();
        evaluation.evaluatedAt = OffsetDateTime.now(clock);
        // A growth target is a rate: its figures are levels in the indicator's unit, or year-on-year rates in %.
        String unit = "growth".equals(target.trajectory)
                ? ("yoy".equals(observation.basis()) ? "%" : Indicator.<Indicator>findById(target.indicatorCode).unit)
                : target.unit;
        if (!Units.sameDimension(observation.unit(), unit)) {
            evaluation.status = Status.NOT_JUDGED.name();
            evaluation.explanation = "the figure is in '" + observation.unit() + "', which cannot be compared with the target's '"
                    + unit + "'";
            return evaluation;
        }
        BigDecimal actual = Units.convert(observation.value(), observation.unit(), unit);
        evaluation.actual = actual;
        List<Point> history = series.stream()
                .filter(p -> Units.sameDimension(p.unit, unit))
                .map(p -> new Point(Period.parse(p.id.period()), Units.convert(p.value, p.unit, unit).doubleValue(), p.basis))
                .toList();
        Point current = new Point(period, actual.doubleValue(), observation.basis());
        Judgement judgement = Evaluator.evaluate(spec(target, plan, config), current, history);
        evaluation.status = judgement.status().name();
        evaluation.expected = decimal(judgement.expected());
        evaluation.gap = decimal(judgement.gap());
        evaluation.progressRatio = judgement.progressRatio();
        evaluation.explanation = judgement.explanation();
        evaluation.terms = judgement.terms();
        evaluation.forecast = judgement.forecast();
        return evaluation;
    }

    static TargetSpec spec(Target target, Plan plan, EvaluationConfig config) {
        return new TargetSpec(
                target.trajectory,
                ">=".equals(target.comparator) ? 1 : -1,
                target.targetValue.doubleValue(),
                Period.parse(target.deadline).endMonth(),
                target.baselineValue == null ? null : target.baselineValue.doubleValue(),
                target.baselineValue == null ? null : Period.parse(target.baselinePeriod).endMonth(),
                target.startPeriod == null ? null : Period.parse(target.startPeriod).year(),
                target.growthKind,
                new Thresholds(plan.onTrackThreshold, plan.atRiskThreshold),
                config.finalReportMonths(),
                config.forecastMissBelow());
    }

    private static Period parsePeriod(ObservationData observation) {
        try {
            return Period.parse(observation.period());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("observation " + observation.observationId() + ": " + e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : new BigDecimal(value, MathContext.DECIMAL64);
    }

    static EvaluationData toEvent(Evaluation evaluation, Target target) {
        Plan plan = Plan.findById(target.planId);
        Indicator indicator = Indicator.findById(target.indicatorCode);
        Region region = Region.findById(target.regionCode);
        Period period = Period.parse(evaluation.period);
        return new EvaluationData(
                evaluation.id,
                target.id,
                evaluation.targetVersion,
                new EvaluationData.PlanRef(plan.id, plan.title, plan.documentNumber),
                new EvaluationData.IndicatorRef(indicator.code, indicator.nameZh, indicator.nameEn, target.unit),
                new EvaluationData.RegionRef(region.code, region.nameZh),
                evaluation.period,
                period.endLabel(),
                evaluation.observationId,
                evaluation.observationRevision,
                evaluation.actual,
                evaluation.expected,
                target.targetValue,
                evaluation.gap,
                evaluation.progressRatio,
                evaluation.status,
                Status.valueOf(evaluation.status).labelZh(),
                target.baselineValue == null ? null : new EvaluationData.BaselineRef(target.baselineValue, target.baselinePeriod),
                target.comparator,
                target.deadline,
                target.trajectory,
                target.leadDepartments,
                target.cooperatingDepartments,
                new EvaluationData.SourceRef(plan.sourceFile, target.sourceQuote),
                evaluation.explanation,
                evaluation.forecast == null ? null : new EvaluationData.ForecastRef(evaluation.forecast.points(),
                        evaluation.forecast.projected(), evaluation.forecast.lower80(), evaluation.forecast.upper80(),
                        evaluation.forecast.probability(), evaluation.forecast.miss()),
                evaluation.evaluatedAt);
    }
}
