package org.planwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.planwatch.alert.delivery.Deliveries;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.AlertHistory;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.alert.routing.Routing;
import org.planwatch.platform.events.AlertData;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.Topics;
import org.planwatch.platform.outbox.Outbox;

/**
 * The one path of every alert change: a history entry, the {@code planwatch.alert.v1} event in the outbox and a
 * webhook delivery row for each matching subscription that wants the change — all in the caller's transaction.
 */
@ApplicationScoped
public class AlertRecorder {

    static final String SOURCE = "/planwatch/alert-service";

    private final Outbox outbox;
    private final EventCodec codec;
    private final Deliveries deliveries;
    private final Event<AlertChanged> changed;

    public AlertRecorder(Outbox outbox, EventCodec codec, Deliveries deliveries, Event<AlertChanged> changed) {
        this.outbox = outbox;
        this.codec = codec;
        this.deliveries = deliveries;
        this.changed = changed;
    }

    /** Fired after every alert change; observed after the commit (metrics). */
    public record AlertChanged(String kind, String change) {
    }

    /** What happened, when, and on what grounds (the evaluation, or who acknowledged and why). */
    public record Change(String change, OffsetDateTime at, Long evaluationId, String period, String actor, String comment) {

        public static Change of(String change, OffsetDateTime at) {
            return new Change(change, at, null, null, null, null);
        }

        public static Change byEvaluation(String change, OffsetDateTime at, long evaluationId, String period) {
            return new Change(change, at, evaluationId, period, null, null);
        }
    }

    /**
     * The changes of one transaction that records many (a batch of evaluations): the active subscriptions read once,
     * and the events written to the outbox together by {@link #publish}.
     */
    public static final class Changes {
        private List<Subscription> subscriptions;
        private final List<Outbox.Pending> events = new ArrayList<>();

        List<Subscription> subscriptions() {
            if (subscriptions == null) {
                subscriptions = Subscription.active();
            }
            return subscriptions;
        }
    }

    /** Records one change and publishes its event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Alert alert, Change change) {
        Changes changes = new Changes();
        record(alert, change, changes);
        publish(changes);
    }

    /** Writes the events of {@code changes} to the outbox, in the order they were recorded. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Changes changes) {
        outbox.publishAll(changes.events);
        changes.events.clear();
    }

    /** Records one change of many; its event waits in {@code changes} for {@link #publish}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Alert alert, Change change, Changes changes) {
        AlertHistory history = new AlertHistory();
        history.alertId = alert.id;
        history.change = change.change();
        history.severity = alert.severity;
        history.status = alert.status;
        history.evaluationId = change.evaluationId();
        history.period = change.period() == null ? alert.period : change.period();
        history.actor = change.actor();
        history.comment = change.comment();
        history.at = change.at();
        history.persist();

        List<Subscription> matching = changes.subscriptions().stream().filter(s -> Routing.matches(s, alert)).toList();
        AlertData data = toEvent(alert, change.change(), Routing.recipients(alert, matching));
        CloudEvent event = codec.envelope(SOURCE, Topics.ALERT_TYPE, alert.fingerprint, change.at(), data);
        changes.events.add(new Outbox.Pending(Topics.ALERTS, alert.fingerprint, event));
        deliveries.enqueue(alert.id, change.change(), event, matching);
        changed.fire(new AlertChanged(alert.kind, change.change()));
    }

    public static AlertData toEvent(Alert alert, String change, List<AlertData.Recipient> recipients) {
        return new AlertData(alert.id, alert.fingerprint, alert.kind, alert.severity, alert.status, change,
                alert.evidence.target(), alert.leadDepartments, alert.cooperatingDepartments, recipients,
                alert.evidence.evidence(), alert.evidence.report(), alert.firstSeen, alert.lastSeen, alert.resolvedAt,
                acknowledgement(alert), alert.escalated);
    }

    public static AlertData.Acknowledgement acknowledgement(Alert alert) {
        return alert.acknowledgedBy == null ? null
                : new AlertData.Acknowledgement(alert.acknowledgedBy, alert.acknowledgedAt, alert.acknowledgementComment);
    }
}
