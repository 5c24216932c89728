package org.planwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.AlertHistory;
import org.planwatch.alert.domain.TargetWatermark;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.events.AlertData;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.MalformedEventException;
import org.planwatch.platform.events.Topics;
import org.planwatch.platform.inbox.ProcessedEvents;
import org.planwatch.platform.outbox.Outbox;

/**
 * Turns evaluations into LAG alerts: opens one when a target is AT_RISK, LAGGING or
 * REGRESSING, or on track but forecast to miss, changes its severity when that changes, resolves it once the target is back on
 * track for the configured number of consecutive evaluations, and reopens it (same alert, same
 * history) if the target falls back. Every change is stored, recorded in the alert's history
 * and published through the outbox in one transaction.
 */
@ApplicationScoped
public class AlertService {

    static final String CONSUMER = "alert-service.evaluations";
    private static final String SOURCE = "/planwatch/alert-service";

    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final EventCodec codec;
    private final Clock clock;
    private final int resolveAfter;
    private final Event<AlertChanged> changed;

    public AlertService(ProcessedEvents processedEvents, Outbox outbox, EventCodec codec, Clock clock,
            @ConfigProperty(name = "planwatch.alerts.resolve-after", defaultValue = "1") int resolveAfter,
            Event<AlertChanged> changed) {
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.resolveAfter = resolveAfter;
        this.changed = changed;
    }

    /** Fired after every alert change; observed after the commit (gauges). */
    public record AlertChanged(String kind, String change) {
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

    @Transactional
    public void onEvaluation(String eventId, EvaluationData evaluation) {
        int periodEnd = periodEnd(evaluation);
        if (!processedEvents.firstDelivery(CONSUMER, eventId) || !advanceWatermark(evaluation, periodEnd)) {
            return;
        }
        String fingerprint = evaluation.targetId() + ":LAG";
        Optional<Alert> existing = Alert.find("fingerprint", fingerprint).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        Optional<String> severity = lagSeverity(evaluation);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (severity.isPresent()) {
            if (existing.isEmpty()) {
                Alert alert = new Alert();
                alert.fingerprint = fingerprint;
                alert.kind = "LAG";
                alert.firstSeen = now;
                apply(alert, evaluation, severity.get(), now);
                alert.persist();
                record(alert, "OPENED", evaluation);
            } else if (!existing.get().isOpen()) {
                Alert alert = existing.get();
                alert.resolvedAt = null;
                apply(alert, evaluation, severity.get(), now);
                record(alert, "REOPENED", evaluation);
            } else {
                Alert alert = existing.get();
                boolean severityChanged = !alert.severity.equals(severity.get());
                apply(alert, evaluation, severity.get(), now);
                if (severityChanged) {
                    record(alert, "SEVERITY_CHANGED", evaluation);
                }
            }
        } else if (backOnTrack(evaluation) && existing.isPresent() && existing.get().isOpen()) {
            Alert alert = existing.get();
            alert.healthyStreak++;
            alert.evidence = snapshot(evaluation);
            alert.period = evaluation.period();
            alert.lastSeen = now;
            if (alert.healthyStreak >= resolveAfter) {
                alert.status = "RESOLVED";
                alert.resolvedAt = now;
                record(alert, "RESOLVED", evaluation);
            }
        }
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
        alert.leadDepartments = evaluation.leadDepartments() == null ? java.util.List.of() : evaluation.leadDepartments();
        alert.cooperatingDepartments = evaluation.cooperatingDepartments() == null ? java.util.List.of()
                : evaluation.cooperatingDepartments();
        alert.period = evaluation.period();
        alert.evidence = snapshot(evaluation);
        alert.healthyStreak = 0;
        alert.lastSeen = now;
    }

    private void record(Alert alert, String change, EvaluationData evaluation) {
        AlertHistory history = new AlertHistory();
        history.alertId = alert.id;
        history.change = change;
        history.severity = alert.severity;
        history.status = alert.status;
        history.evaluationId = evaluation.evaluationId();
        history.period = evaluation.period();
        history.at = alert.lastSeen;
        history.persist();
        AlertData data = toEvent(alert, change);
        outbox.publish(Topics.ALERTS, alert.fingerprint,
                codec.envelope(SOURCE, Topics.ALERT_TYPE, alert.fingerprint, alert.lastSeen, data));
        changed.fire(new AlertChanged(alert.kind, change));
    }

    /** False (and nothing changes) when a newer period of the target was already evaluated. */
    private static boolean advanceWatermark(EvaluationData evaluation, int periodEnd) {
        TargetWatermark watermark = TargetWatermark.findById(evaluation.targetId(), LockModeType.PESSIMISTIC_WRITE);
        if (watermark == null) {
            watermark = new TargetWatermark();
            watermark.targetId = evaluation.targetId();
        } else if (periodEnd < watermark.periodEnd
                || (periodEnd == watermark.periodEnd && evaluation.evaluationId() < watermark.evaluationId)) {
            return false;
        }
        watermark.periodEnd = periodEnd;
        watermark.evaluationId = evaluation.evaluationId();
        watermark.persist();
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
                AlertData.Evidence.of(evaluation));
    }

    public static AlertData toEvent(Alert alert, String change) {
        return new AlertData(alert.id, alert.fingerprint, alert.kind, alert.severity, alert.status, change,
                alert.evidence.target(), alert.leadDepartments, alert.cooperatingDepartments, alert.evidence.evidence(),
                alert.firstSeen, alert.lastSeen, alert.resolvedAt);
    }
}
