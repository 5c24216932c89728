package org.planwatch.alert.service;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.planwatch.alert.config.AlertConfig;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.ReportPeriod;
import org.planwatch.alert.routing.ReminderSchedule;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.events.AlertData;
import org.planwatch.platform.events.MalformedEventException;
import org.planwatch.platform.events.ReportData;
import org.planwatch.platform.inbox.ProcessedEvents;

/**
 * OVERDUE_REPORT alerts from the reporting calendar ({@code planwatch.reports}): one alert per indicator and region
 * ({@code indicator|region:OVERDUE_REPORT}, warning) listing every late period with its due date, addressed to the
 * region's statistics bureau and supervision office; resolved once every late period is received, reopened when
 * another is late.
 */
@ApplicationScoped
public class ReportAlerts {

    static final String CONSUMER = "alert-service.reports";
    static final String KIND = "OVERDUE_REPORT";
    private static final Set<String> STATUSES = Set.of(ReportData.OVERDUE, ReportData.RECEIVED);

    private final ProcessedEvents processedEvents;
    private final AlertRecorder recorder;
    private final Clock clock;
    private final ReminderSchedule reminders;
    private final AlertConfig.ReportRecipients recipients;

    public ReportAlerts(ProcessedEvents processedEvents, AlertRecorder recorder, Clock clock, AlertConfig config) {
        this.processedEvents = processedEvents;
        this.recorder = recorder;
        this.clock = clock;
        this.reminders = ReminderSchedule.of(config);
        this.recipients = config.reportRecipients();
    }

    @Transactional
    public void onReport(String eventId, ReportData report) {
        validate(eventId, report);
        if (!processedEvents.firstDelivery(CONSUMER, eventId) || !store(report)) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String fingerprint = report.seriesKey() + ":" + KIND;
        Optional<Alert> existing = Alert.find("fingerprint", fingerprint).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        List<ReportPeriod> late = ReportPeriod.list("key.indicatorCode = ?1 and key.regionCode = ?2 and status = ?3",
                Sort.by("dueDate").and("key.period"), report.indicator().code(), report.region().code(), ReportData.OVERDUE);
        if (!late.isEmpty()) {
            if (existing.isEmpty()) {
                Alert alert = new Alert();
                alert.fingerprint = fingerprint;
                alert.kind = KIND;
                AlertService.opened(alert, now, reminders);
                apply(alert, report, late, now);
                alert.persist();
                recorder.record(alert, AlertRecorder.Change.of("OPENED", now));
            } else if (!existing.get().isOpen()) {
                Alert alert = existing.get();
                AlertService.opened(alert, now, reminders);
                apply(alert, report, late, now);
                recorder.record(alert, AlertRecorder.Change.of("REOPENED", now));
            } else {
                apply(existing.get(), report, late, now);
            }
        } else if (existing.isPresent() && existing.get().isOpen()) {
            Alert alert = existing.get();
            alert.evidence = new Alert.Snapshot(null, null, evidence(report, List.of()));
            alert.status = "RESOLVED";
            alert.resolvedAt = now;
            alert.lastSeen = now;
            recorder.record(alert, AlertRecorder.Change.of("RESOLVED", now));
        }
    }

    /** Keeps the calendar's latest verdict on the period; false when the event is older than what is known. */
    private static boolean store(ReportData report) {
        ReportPeriod.Key key = new ReportPeriod.Key(report.indicator().code(), report.region().code(), report.period());
        ReportPeriod period = ReportPeriod.findById(key, LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime checkedAt = report.checkedAt().atOffset(ZoneOffset.UTC);
        if (period == null) {
            period = new ReportPeriod();
            period.key = key;
        } else if (ReportData.RECEIVED.equals(period.status) || checkedAt.isBefore(period.checkedAt)) {
            // A received figure stays received; an older verdict never overrides a newer one.
            return false;
        }
        period.frequency = report.frequency();
        period.dueDate = report.dueDate();
        period.status = report.status();
        period.checkedAt = checkedAt;
        period.receivedAt = report.receivedAt() == null ? null : report.receivedAt().atOffset(ZoneOffset.UTC);
        period.observationId = report.observationId();
        period.persist();
        return true;
    }

    private void apply(Alert alert, ReportData report, List<ReportPeriod> late, OffsetDateTime now) {
        alert.severity = "warning";
        if (alert.status == null || "RESOLVED".equals(alert.status)) {
            alert.status = "FIRING";
        }
        alert.regionCode = report.region().code();
        alert.indicatorCode = report.indicator().code();
        alert.leadDepartments = List.of();
        alert.cooperatingDepartments = List.of();
        String region = report.region().nameZh() == null || report.region().nameZh().isBlank() ? report.region().code()
                : report.region().nameZh();
        alert.recipients = List.of(
                new AlertData.Recipient(recipients.bureau().replace("{region}", region), AlertData.Recipient.DEPARTMENT),
                new AlertData.Recipient(recipients.office().replace("{region}", region), AlertData.Recipient.OFFICE));
        alert.period = late.get(late.size() - 1).key.period();
        alert.evidence = new Alert.Snapshot(null, null, evidence(report, late));
        alert.lastSeen = now;
    }

    private static AlertData.ReportEvidence evidence(ReportData report, List<ReportPeriod> late) {
        return new AlertData.ReportEvidence(report.indicator(), report.region(), late.stream()
                .map(p -> new AlertData.LateReport(p.key.period(), p.frequency, p.dueDate, p.checkedAt.toInstant()))
                .toList());
    }

    private static void validate(String eventId, ReportData report) {
        String problem = report.indicator() == null || blank(report.indicator().code()) ? "no indicator code"
                : report.region() == null || blank(report.region().code()) ? "no region code"
                : !STATUSES.contains(report.status()) ? "status '" + report.status() + "' is not OVERDUE or RECEIVED"
                : report.dueDate() == null ? "no dueDate"
                : report.checkedAt() == null ? "no checkedAt"
                : null;
        if (problem == null) {
            try {
                Period.parse(report.period());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            throw new MalformedEventException("report event " + eventId + ": " + problem);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
