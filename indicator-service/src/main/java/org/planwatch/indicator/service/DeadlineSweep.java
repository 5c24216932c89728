package org.planwatch.indicator.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * One replica sweeps at a time (an advisory lock); a target already judged ACHIEVED or MISSED is left alone.
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

    /** Sweeps every plan, or one; returns how many targets were newly judged MISSED. */
    public int sweep(String planId) {
        return QuarkusTransaction.requiringNew().call(() -> sweepInTransaction(planId));
    }

    private int sweepInTransaction(String planId) {
        Boolean locked = (Boolean) Evaluation.getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, SWEEP_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        LocalDate today = LocalDate.now(clock);
        int currentMonth = today.getYear() * 12 + today.getMonthValue();
        int missed = 0;
        List<Target> targets = planId == null ? Target.list("retiredAt is null")
                : Target.list("retiredAt is null and planId = ?1", planId);
        for (Target target : targets) {
            Period deadline = Period.parse(target.deadline);
            // The window is over once the month after its last month has begun.
            if (deadline.endMonth() + config.finalReportMonths() >= currentMonth) {
                continue;
            }
            Evaluation latest = Evaluation.<Evaluation>find("targetId = ?1 and status <> 'NOT_JUDGED'",
                    io.quarkus.panache.common.Sort.descending("periodEnd", "id"), target.id).firstResult();
            if (latest != null && (Status.ACHIEVED.name().equals(latest.status) || Status.MISSED.name().equals(latest.status)
                    || latest.periodEnd >= deadline.endMonth())) {
                continue;
            }
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
            evaluations.store(evaluation, target);
            missed++;
        }
        return missed;
    }
}
