package org.planwatch.indicator.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final Event<EvaluationsRecorded> recorded;
    private final EvaluationConfig config;
    private final ObjectMapper json;

    public EvaluationService(ProcessedEvents processedEvents, Outbox outbox, EventCodec codec, Clock clock,
            Event<EvaluationsRecorded> recorded, EvaluationConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.recorded = recorded;
    }

    /**
     * Fired by each {@link #storeAll} with the evaluations it stored (a transaction may fire several: a superseding
     * verdict, a sweep's pages); observed after the commit (gauges, the progress cache).
     */
    public record EvaluationsRecorded(List<Evaluation> evaluations) {
    }

    /** An observation event as it arrived. */
    public record Delivery(String eventId, ObservationData observation) {
    }

    /**
     * Evaluates a batch of observation events in order, in one transaction, set-wise: one statement
     * records the event ids, one reads (and locks) the touched series, one their targets, one each
     * their plans, indicators and regions; the evaluations are computed in memory and written as JDBC
     * batches with their outbox events. The work per figure is that of the targets it touches,
     * whatever the size of the catalog, and the round trips are per batch, not per figure. It holds the
     * {@link JudgementLock} shared, so a deadline sweep judges its targets before this batch or after its commit.
     */
    @Transactional
    public int evaluateAll(List<Delivery> deliveries) {
        JudgementLock.holdForEvaluation();
        List<Delivery> fresh = firstDeliveries(deliveries);
        if (fresh.isEmpty()) {
            return 0;
        }
        List<Period> periods = fresh.stream().map(delivery -> parsePeriod(delivery.observation())).toList();
        Set<SeriesPoint.SeriesKey> keys = new LinkedHashSet<>();
        fresh.forEach(delivery -> keys.add(SeriesPoint.SeriesKey.of(delivery.observation())));
        Map<SeriesPoint.SeriesKey, List<SeriesPoint>> series = SeriesPoint.lockSeries(keys);
        Map<SeriesPoint.SeriesKey, List<Target>> targets = Target.activeForSeries(keys);
        CatalogRefs.load(targets.values().stream().flatMap(List::stream).toList());

        List<Evaluation> made = new ArrayList<>();
        List<Target> madeFor = new ArrayList<>();
        List<SeriesPoint> added = new ArrayList<>();
        int stored = 0;
        for (int i = 0; i < fresh.size(); i++) {
            ObservationData observation = fresh.get(i).observation();
            Period period = periods.get(i);
            SeriesPoint.SeriesKey key = SeriesPoint.SeriesKey.of(observation);
            List<SeriesPoint> points = series.computeIfAbsent(key, k -> new ArrayList<>());
            if (!record(observation, period, points, added)) {
                LOG.infof("Observation %s revision %d is older than the one already held; not evaluated",
                        observation.observationId(), observation.revision());
                continue;
            }
            for (Target target : targets.getOrDefault(key, List.of())) {
                Evaluation evaluation = evaluate(target, observation, period, points);
                made.add(evaluation);
                madeFor.add(target);
                if (achievedBeforeDeadline(evaluation, target)) {
                    // Rare: whether it supersedes a MISSED verdict is read from the stored evaluations, this batch's included.
                    storeAll(made, madeFor);
                    stored += made.size();
                    made = new ArrayList<>();
                    madeFor = new ArrayList<>();
                    stored += supersedeMissedDeadline(evaluation, target, points).isPresent() ? 1 : 0;
                }
            }
        }
        added.forEach(point -> point.persist());
        storeAll(made, madeFor);
        return stored + made.size();
    }

    private static boolean achievedBeforeDeadline(Evaluation evaluation, Target target) {
        return Status.ACHIEVED.name().equals(evaluation.status) && evaluation.periodEnd < Period.parse(target.deadline).endMonth();
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
        if (!achievedBeforeDeadline(achieving, target)) {
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
        storeAll(List.of(evaluation), List.of(target));
    }

    /** {@link #store} for many: ids from one sequence call, the evaluations and their outbox rows as one JDBC batch each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeAll(List<Evaluation> made, List<Target> madeFor) {
        if (made.isEmpty()) {
            return;
        }
        Evaluation.assignIds(made);
        Evaluation.insertAll(made, json);
        List<Outbox.Pending> events = new ArrayList<>(made.size());
        for (int i = 0; i < made.size(); i++) {
            Evaluation evaluation = made.get(i);
            Target target = madeFor.get(i);
            events.add(new Outbox.Pending(Topics.EVALUATIONS, target.id, codec.envelope(SOURCE, Topics.EVALUATION_TYPE,
                    target.id, evaluation.evaluatedAt, toEvent(evaluation, target))));
        }
        outbox.publishAll(events);
        recorded.fire(new EvaluationsRecorded(List.copyOf(made)));
    }

    /** The deliveries seen for the first time by this consumer, in order (a redelivered event changes nothing). */
    private List<Delivery> firstDeliveries(List<Delivery> deliveries) {
        Set<String> first = new HashSet<>(processedEvents.firstDeliveries(CONSUMER,
                deliveries.stream().map(Delivery::eventId).toList()));
        List<Delivery> fresh = new ArrayList<>(first.size());
        for (Delivery delivery : deliveries) {
            if (first.remove(delivery.eventId())) {
                fresh.add(delivery);
            } else {
                LOG.debugf("Observation event %s was already processed", delivery.eventId());
            }
        }
        return fresh;
    }

    /**
     * Keeps the latest revision of each figure of the series in {@code points} (the series as now
     * known, in period order); false when this revision is older than the one held.
     */
    private static boolean record(ObservationData observation, Period period, List<SeriesPoint> points,
            List<SeriesPoint> added) {
        SeriesPoint point = null;
        for (SeriesPoint held : points) {
            if (held.id.period().equals(period.toString())) {
                point = held;
            }
        }
        if (point != null && point.revision > observation.revision()) {
            return false;
        }
        if (point == null) {
            point = new SeriesPoint();
            point.id = new SeriesPoint.Key(observation.indicator(), observation.region(), period.toString());
            points.add(point);
            added.add(point);
        }
        point.periodEnd = period.endMonth();
        point.firstMonth = period.firstMonth();
        point.value = observation.value();
        point.unit = observation.unit();
        point.basis = observation.basis();
        point.observationId = observation.observationId();
        point.revision = observation.revision();
        points.sort(SeriesPoint.IN_PERIOD_ORDER);
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
