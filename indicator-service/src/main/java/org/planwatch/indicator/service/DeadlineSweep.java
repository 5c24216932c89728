package org.planwatch.indicator.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.planwatch.indicator.config.EvaluationConfig;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.domain.Target;
import org.planwatch.indicator.evaluation.Status;
import org.planwatch.platform.domain.Period;

/**
 * A deadline passes whether or not a figure arrives: once a target's deadline and its final
 * report window are over and it was not achieved, the sweep records (and publishes) a MISSED
 * evaluation for the deadline period, so alert-service raises OVERDUE_TARGET without a new figure.
 * One replica sweeps at a time (an advisory lock taken for each page); a target already judged ACHIEVED or MISSED
 * is left alone. A page holds the {@link JudgementLock} alone, so what it reads of its targets is not overtaken by a
 * figure's evaluation committed before the page's verdicts.
 */
@ApplicationScoped
public class DeadlineSweep {

    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class);
    /** The PostgreSQL advisory lock a sweep holds for its transaction: one replica sweeps at a time. */
    public static final long SWEEP_LOCK = 0x646561646c696e65L;

    private final EvaluationService evaluations;
    private final Clock clock;
    private final EvaluationConfig config;

    public DeadlineSweep(EvaluationService evaluations, Clock clock, EvaluationConfig config) {
        this.evaluations = evaluations;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${planwatch.evaluation.deadline-sweep:1h}", delayed = "${planwatch.evaluation.deadline-sweep-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int missed = sweep(null);
        if (missed > 0) {
            LOG.infof("Deadline sweep: %d target(s) missed their deadline without a final figure", missed);
        }
    }

    /**
     * Sweeps every plan, or one; returns how many targets were newly judged MISSED. Each page of due targets is judged
     * and published in a transaction of its own, so a deadline shared by a national catalog's hundreds of thousands of
     * targets is neither held in memory at once nor one transaction that outlives the transaction timeout.
     */
    public int sweep(String planId) {
        LocalDate today = LocalDate.now(clock);
        int currentMonth = today.getYear() * 12 + today.getMonthValue();
        List<String> due = QuarkusTransaction.requiringNew().call(() -> dueDeadlines(planId, currentMonth));
        int missed = 0;
        String after = "";
        while (!due.isEmpty()) {
            String from = after;
            SweptPage page = QuarkusTransaction.requiringNew().call(() -> sweepPage(planId, due, from, today));
            if (page == null) {
                break;
            }
            missed += page.missed();
            after = page.lastTargetId();
        }
        return missed;
    }

    /** How many targets of one page were judged MISSED, and the page's last target (where the next one starts). */
    private record SweptPage(int missed, String lastTargetId) {
    }

    /**
     * Judges the next page of due targets after {@code after}; null when there is none or another replica is sweeping
     * (it holds the lock: this one stops and leaves the rest to it, which reads what this one already judged as done).
     */
    private SweptPage sweepPage(String planId, List<String> due, String after, LocalDate today) {
        Boolean locked = (Boolean) Evaluation.getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, SWEEP_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return null;
        }
        JudgementLock.holdForSweep();
        List<Target> page = duePage(planId, due, after, config.deadlineSweepPage());
        if (page.isEmpty()) {
            return null;
        }
        Map<String, Evaluation> latestJudged = Evaluation.latestJudgedOf(page.stream().map(target -> target.id).toList());
        List<Evaluation> made = new ArrayList<>();
        List<Target> madeFor = new ArrayList<>();
        for (Target target : page) {
            Evaluation latest = latestJudged.get(target.id);
            int deadlineEnd = Period.parse(target.deadline).endMonth();
            if (latest != null && (Status.ACHIEVED.name().equals(latest.status) || Status.MISSED.name().equals(latest.status)
                    || latest.periodEnd >= deadlineEnd)) {
                continue;
            }
            made.add(missed(target, latest, today));
            madeFor.add(target);
        }
        evaluations.storeAll(made, madeFor);
        return new SweptPage(made.size(), page.get(page.size() - 1).id);
    }

    /**
     * The deadlines of live targets whose final report window is over: read as the few distinct deadline strings of
     * the catalog and judged with {@link Period}, so the sweep reads only the targets that can have missed.
     */
    private List<String> dueDeadlines(String planId, int currentMonth) {
        jakarta.persistence.Query query = Evaluation.getEntityManager().createNativeQuery(
                "select distinct deadline from target where retired_at is null" + (planId == null ? "" : " and plan_id = ?1"));
        if (planId != null) {
            query.setParameter(1, planId);
        }
        @SuppressWarnings("unchecked")
        List<String> deadlines = query.getResultList();
        // The window is over once the month after its last month has begun.
        return deadlines.stream()
                .filter(deadline -> Period.parse(deadline).endMonth() + config.finalReportMonths() < currentMonth)
                .toList();
    }

    /**
     * The next live targets after {@code after} (by id) with one of {@code deadlines}, leaving out those whose latest
     * evaluation is already ACHIEVED or MISSED (then it is also their latest judged one: nothing more to judge).
     */
    @SuppressWarnings("unchecked")
    private static List<Target> duePage(String planId, List<String> deadlines, String after, int pageSize) {
        if (deadlines.isEmpty()) {
            return List.of();
        }
        jakarta.persistence.Query query = Target.getEntityManager().createNativeQuery("""
                select t.* from target t
                where t.retired_at is null and t.deadline = any(cast(?1 as text[])) and t.id > ?2
                  and not exists (select 1 from latest_evaluation l where l.target_id = t.id and l.status in ('ACHIEVED', 'MISSED'))
                """ + (planId == null ? "" : " and t.plan_id = ?4") + " order by t.id limit ?3", Target.class)
                .setParameter(1, deadlines.toArray(String[]::new))
                .setParameter(2, after)
                .setParameter(3, pageSize);
        if (planId != null) {
            query.setParameter(4, planId);
        }
        return query.getResultList();
    }

    private Evaluation missed(Target target, Evaluation latest, LocalDate today) {
        Period deadline = Period.parse(target.deadline);
        Evaluation evaluation = new Evaluation();
        evaluation.targetId = target.id;
        evaluation.targetVersion = target.version;
        evaluation.period = deadline.toString();
        evaluation.periodEnd = deadline.endMonth();
        evaluation.observationId = latest == null ? "none" : latest.observationId;
        evaluation.observationRevision = latest == null ? 0 : latest.observationRevision;
        evaluation.actual = latest == null ? null : latest.actual;
        evaluation.status = Status.MISSED.name();
        evaluation.explanation = "the deadline " + target.deadline + " and its " + config.finalReportMonths()
                + "-month report window have passed (as of " + today + ") and "
                + (latest == null ? "no figure was reported"
                        : "the latest figure (" + latest.period + ": " + latest.actual.toPlainString()
                                + ") does not reach V = " + target.targetValue.toPlainString());
        evaluation.terms = latest == null ? Map.of("V", target.targetValue)
                : Map.of("V", target.targetValue, "A (latest)", latest.actual, "latest period", latest.period);
        evaluation.evaluatedAt = OffsetDateTime.now(clock);
        return evaluation;
    }
}
