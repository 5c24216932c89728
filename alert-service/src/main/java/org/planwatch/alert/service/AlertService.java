package org.planwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.planwatch.alert.config.AlertConfig;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.TargetWatermark;
import org.planwatch.alert.routing.ReminderSchedule;
import org.planwatch.alert.routing.Routing;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.events.AlertData;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.MalformedEventException;
import org.planwatch.platform.inbox.ProcessedEvents;
import org.planwatch.platform.problem.ProblemException;

/**
 * Turns evaluations into alerts — LAG (AT_RISK, LAGGING, REGRESSING, or on track but forecast to
 * miss), BREACH (a hold target broken) and OVERDUE_TARGET (deadline passed, not achieved). It
 * keeps one alert per target and kind, changes its severity when that changes, resolves it once the target is back on
 * track for the configured number of consecutive evaluations, and reopens it (same alert, same
 * history) if the target falls back, and reminds of what nobody acknowledges. Every change goes through
 * {@link AlertRecorder} in the transaction that makes it.
 */
@ApplicationScoped
public class AlertService {

    static final String CONSUMER = "alert-service.evaluations";

    private final ProcessedEvents processedEvents;
    private final AlertRecorder recorder;
    private final Clock clock;
    private final int resolveAfter;
    private final ReminderSchedule reminders;
    private final SupervisionOffices offices;

    public AlertService(ProcessedEvents processedEvents, AlertRecorder recorder, Clock clock, AlertConfig config,
            SupervisionOffices offices) {
        this.offices = offices;
        this.processedEvents = processedEvents;
        this.recorder = recorder;
        this.clock = clock;
        this.resolveAfter = config.resolveAfter();
        this.reminders = ReminderSchedule.of(config);
    }

    /** Severity of a LAG alert for an evaluation status, empty when the status raises none. */
    static Optional<String> lagSeverity(EvaluationData evaluation) {
        return switch (evaluation.status()) {
            case "AT_RISK", "LAGGING" -> Optional.of("warning");
            case "REGRESSING" -> Optional.of("critical");
            // A confident projected miss is an early warning while the status is still on track.
            case "ON_TRACK" -> forecastMiss(evaluation) ? Optional.of("warning") : Optional.empty();
            default -> Optional.empty();
        };
    }

    static boolean forecastMiss(EvaluationData evaluation) {
        return evaluation.forecast() != null && evaluation.forecast().miss();
    }

    static boolean backOnTrack(EvaluationData evaluation) {
        return ("ON_TRACK".equals(evaluation.status()) && !forecastMiss(evaluation)) || "ACHIEVED".equals(evaluation.status());
    }

    /** One alert kind an evaluation can raise or clear. */
    record Condition(String kind, Optional<String> severity, boolean clears, int clearAfter) {
    }

    /** The alert kinds an evaluation can raise or clear (see {@link #conditions}). */
    static final List<String> KINDS = List.of("LAG", "BREACH", "OVERDUE_TARGET");

    private List<Condition> conditions(EvaluationData evaluation) {
        String status = evaluation.status();
        return List.of(
                new Condition("LAG", lagSeverity(evaluation), backOnTrack(evaluation), resolveAfter),
                new Condition("BREACH", "BREACHED".equals(status) ? Optional.of("critical") : Optional.empty(),
                        "hold".equals(evaluation.trajectory()) && "ON_TRACK".equals(status), 1),
                // An annual (每年) target misses one year at a time; a later year back on track clears it.
                new Condition("OVERDUE_TARGET", "MISSED".equals(status) ? Optional.of("critical") : Optional.empty(),
                        "ACHIEVED".equals(status) || ("annual".equals(evaluation.trajectory()) && backOnTrack(evaluation)), 1));
    }

    /** An evaluation event as it arrived. */
    public record Delivery(String eventId, EvaluationData evaluation) {
    }

    /**
     * Applies a batch of evaluation events in order, in one transaction, set-wise: one statement records
     * the event ids, one reads (and locks) the targets' watermarks, one their alerts, one writes the watermarks
     * advanced; the alert changes are worked out in memory and written at the commit. The session flushes only at the commit, since
     * nothing read during the batch depends on what it changed: an evaluation that changes no alert
     * costs no round trip of its own.
     */
    @Transactional
    public void onEvaluations(List<Delivery> deliveries) {
        List<Delivery> fresh = firstDeliveries(deliveries);
        if (fresh.isEmpty()) {
            return;
        }
        List<Integer> periodEnds = fresh.stream().map(delivery -> periodEnd(delivery.evaluation())).toList();
        Set<String> targetIds = new LinkedHashSet<>();
        fresh.forEach(delivery -> targetIds.add(delivery.evaluation().targetId()));
        Map<String, TargetWatermark> watermarks = TargetWatermark.lockAll(targetIds);
        Map<String, Alert> alerts = Alert.lockByFingerprint(targetIds.stream()
                .flatMap(target -> KINDS.stream().map(kind -> fingerprint(target, kind))).toList());
        Alert.getEntityManager().unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        OffsetDateTime now = OffsetDateTime.now(clock);
        AlertRecorder.Changes changes = new AlertRecorder.Changes();
        Map<String, TargetWatermark> advanced = new LinkedHashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            EvaluationData evaluation = fresh.get(i).evaluation();
            // A figure outside the trajectory (before the baseline, after the deadline) says nothing about the target now.
            if ("NOT_JUDGED".equals(evaluation.status()) || !advanceWatermark(evaluation, periodEnds.get(i), watermarks)) {
                continue;
            }
            advanced.put(evaluation.targetId(), watermarks.get(evaluation.targetId()));
            for (Condition condition : conditions(evaluation)) {
                apply(condition, evaluation, now, alerts, changes);
            }
        }
        TargetWatermark.saveAll(advanced.values());
        recorder.publish(changes);
    }

    /** The deliveries seen for the first time, in order (a redelivered event changes nothing). */
    private List<Delivery> firstDeliveries(List<Delivery> deliveries) {
        Set<String> first = new HashSet<>(processedEvents.firstDeliveries(CONSUMER,
                deliveries.stream().map(Delivery::eventId).toList()));
        return deliveries.stream().filter(delivery -> first.remove(delivery.eventId())).toList();
    }

    static String fingerprint(String targetId, String kind) {
        return targetId + ":" + kind;
    }

    private void apply(Condition condition, EvaluationData evaluation, OffsetDateTime now, Map<String, Alert> alerts,
            AlertRecorder.Changes changes) {
        String fingerprint = fingerprint(evaluation.targetId(), condition.kind());
        Optional<Alert> existing = Optional.ofNullable(alerts.get(fingerprint));
        if (condition.severity().isPresent()) {
            String severity = condition.severity().get();
            if (existing.isEmpty()) {
                Alert alert = new Alert();
                alert.fingerprint = fingerprint;
                alert.kind = condition.kind();
                opened(alert, now, reminders);
                apply(alert, evaluation, severity, now);
                alert.persist();
                alerts.put(fingerprint, alert);
                record(alert, "OPENED", evaluation, now, changes);
            } else if (!existing.get().isOpen()) {
                Alert alert = existing.get();
                opened(alert, now, reminders);
                apply(alert, evaluation, severity, now);
                record(alert, "REOPENED", evaluation, now, changes);
            } else {
                Alert alert = existing.get();
                boolean severityChanged = !alert.severity.equals(severity);
                apply(alert, evaluation, severity, now);
                if (severityChanged) {
                    record(alert, "SEVERITY_CHANGED", evaluation, now, changes);
                }
            }
        } else if (condition.clears() && existing.isPresent() && existing.get().isOpen()) {
            Alert alert = existing.get();
            alert.healthyStreak++;
            alert.evidence = snapshot(evaluation);
            alert.period = evaluation.period();
            alert.lastSeen = now;
            if (alert.healthyStreak >= condition.clearAfter()) {
                alert.status = "RESOLVED";
                alert.resolvedAt = now;
                record(alert, "RESOLVED", evaluation, now, changes);
            }
        }
    }

    /** An office acknowledges an open alert; it stops escalating and notifies again only when its severity changes. */
    @Transactional
    public Alert acknowledge(long id, String by, String comment) {
        Alert alert = Alert.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (alert == null) {
            throw ProblemException.notFound("alert", Long.toString(id));
        }
        if (!"FIRING".equals(alert.status)) {
            throw new ProblemException(409, "alert-not-firing", "The alert cannot be acknowledged",
                    "alert " + id + " is " + alert.status + "; only a firing alert can be acknowledged", List.of());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        alert.status = "ACKNOWLEDGED";
        alert.acknowledgedBy = by;
        alert.acknowledgedAt = now;
        alert.acknowledgementComment = comment;
        alert.lastSeen = now;
        recorder.record(alert, new AlertRecorder.Change("ACKNOWLEDGED", now, null, null, by, comment));
        return alert;
    }

    /**
     * Escalates critical alerts nobody acknowledged within {@code after} to the supervision office of the region above
     * theirs (a province's alert to the province's own office): the office becomes a recipient of the alert, and its
     * subscriptions get this change and the later ones. Returns how many.
     */
    @Transactional
    public int escalate(Duration after) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<Number> due = Alert.getEntityManager().createNativeQuery(
                "select id from alert where status = 'FIRING' and severity = 'critical' and not escalated "
                        + "and first_seen <= ?1 order by id for update skip locked")
                .setParameter(1, now.minus(after))
                .getResultList();
        AlertRecorder.Changes changes = new AlertRecorder.Changes();
        for (Number id : due) {
            Alert alert = Alert.findById(id.longValue());
            String above = Routing.regionAbove(alert.regionCode);
            alert.escalated = true;
            alert.escalatedAt = now;
            alert.escalatedTo = offices.officeOf(above);
            alert.lastSeen = now;
            String whom = above.equals(alert.regionCode)
                    ? "no region is above " + offices.regionName(above) + " (" + above + "): it stays with its own office, "
                            + alert.escalatedTo
                    : "escalated to " + alert.escalatedTo + " (" + above + "), the office above " + offices.regionName(alert.regionCode);
            recorder.record(alert, new AlertRecorder.Change("ESCALATED", now, null, null, null,
                    "unacknowledged for more than " + after.toDays() + " days; " + whom), changes);
        }
        recorder.publish(changes);
        return due.size();
    }

    /**
     * Reminds of firing (unacknowledged) alerts whose next reminder is due, on the growing schedule from their
     * opening; returns how many. Rows taken by another replica are skipped.
     */
    @Transactional
    public int remind() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        @SuppressWarnings("unchecked")
        List<Number> due = Alert.getEntityManager().createNativeQuery(
                "select id from alert where status = 'FIRING' and next_reminder_at <= ?1 "
                        + "order by next_reminder_at, id limit 500 for update skip locked")
                .setParameter(1, now)
                .getResultList();
        AlertRecorder.Changes changes = new AlertRecorder.Changes();
        for (Number id : due) {
            Alert alert = Alert.findById(id.longValue());
            int slot = reminders.dueSlot(alert.firstSeen, alert.remindersSent, now);
            alert.remindersSent = slot;
            alert.nextReminderAt = alert.firstSeen.plus(reminders.offset(slot + 1));
            recorder.record(alert, new AlertRecorder.Change("REMINDED", now, null, null, null,
                    "reminder " + slot + ": open and unacknowledged for " + Duration.between(alert.firstSeen, now).toDays()
                            + " days"), changes);
        }
        recorder.publish(changes);
        return due.size();
    }

    /** A new or reopened alert: no acknowledgement, no escalation, reminders from now. */
    static void opened(Alert alert, OffsetDateTime now, ReminderSchedule reminders) {
        alert.resolvedAt = null;
        alert.acknowledgedBy = null;
        alert.acknowledgedAt = null;
        alert.acknowledgementComment = null;
        alert.escalated = false;
        alert.escalatedAt = null;
        alert.escalatedTo = null;
        alert.firstSeen = now;
        alert.remindersSent = 0;
        alert.nextReminderAt = reminders.first(now);
    }

    private void apply(Alert alert, EvaluationData evaluation, String severity, OffsetDateTime now) {
        alert.severity = severity;
        if (alert.status == null || "RESOLVED".equals(alert.status)) {
            alert.status = "FIRING";
        }
        alert.targetId = evaluation.targetId();
        alert.planId = evaluation.plan().id();
        alert.indicatorCode = evaluation.indicator().code();
        alert.regionCode = evaluation.region().code();
        alert.leadDepartments = evaluation.leadDepartments() == null ? List.of() : evaluation.leadDepartments();
        alert.recipients = alert.leadDepartments.stream()
                .map(d -> new AlertData.Recipient(d, AlertData.Recipient.DEPARTMENT)).toList();
        alert.cooperatingDepartments = evaluation.cooperatingDepartments() == null ? List.of()
                : evaluation.cooperatingDepartments();
        alert.period = evaluation.period();
        alert.evidence = snapshot(evaluation);
        alert.healthyStreak = 0;
        alert.lastSeen = now;
    }

    private void record(Alert alert, String change, EvaluationData evaluation, OffsetDateTime now,
            AlertRecorder.Changes changes) {
        recorder.record(alert, AlertRecorder.Change.byEvaluation(change, now, evaluation.evaluationId(), evaluation.period()),
                changes);
    }

    /** False (and nothing changes) when a newer period of the target was already evaluated. */
    private static boolean advanceWatermark(EvaluationData evaluation, int periodEnd, Map<String, TargetWatermark> watermarks) {
        TargetWatermark watermark = watermarks.get(evaluation.targetId());
        if (watermark != null && (periodEnd < watermark.periodEnd
                || (periodEnd == watermark.periodEnd && evaluation.evaluationId() < watermark.evaluationId))) {
            return false;
        }
        if (watermark == null) {
            watermark = new TargetWatermark();
            watermark.targetId = evaluation.targetId();
            watermarks.put(watermark.targetId, watermark);
        }
        watermark.periodEnd = periodEnd;
        watermark.evaluationId = evaluation.evaluationId();
        return true;
    }

    private static int periodEnd(EvaluationData evaluation) {
        try {
            return Period.parse(evaluation.period()).endMonth();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("evaluation " + evaluation.evaluationId() + " has no valid period", e);
        }
    }

    static Alert.Snapshot snapshot(EvaluationData evaluation) {
        return new Alert.Snapshot(
                new AlertData.TargetRef(evaluation.targetId(), evaluation.plan(), evaluation.indicator(), evaluation.region(),
                        evaluation.comparator(), evaluation.target(), evaluation.deadline(), evaluation.trajectory()),
                AlertData.Evidence.of(evaluation), null);
    }
}
