package org.planwatch.alert.service;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.planwatch.alert.config.AlertConfig;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.AlertHistory;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.alert.routing.Routing;
import org.planwatch.platform.events.AlertData;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * The weekly digest of one subscription, as an office reads it on Monday: the alerts open at the end of the week
 * (or now, for the current week) that match it, oldest unacknowledged first, and what changed during the week.
 * States are rebuilt from the alerts' history, so a past week reads as it was.
 */
@ApplicationScoped
public class DigestService {

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Set<String> WEEKLY_CHANGES = Set.of("OPENED", "REOPENED", "RESOLVED", "ESCALATED", "SEVERITY_CHANGED");

    private final SubscriptionService subscriptions;
    private final Clock clock;
    private final ZoneId zone;

    public DigestService(SubscriptionService subscriptions, Clock clock, AlertConfig config) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.zone = config.zone();
    }

    public record Digest(SubscriptionRef subscription, String week, OffsetDateTime from, OffsetDateTime to,
            OffsetDateTime asOf, Counts counts, List<OpenAlert> open, List<WeekChange> changes) {
    }

    public record SubscriptionRef(long id, String recipient, String recipientType) {
    }

    public record Counts(int open, int unacknowledged, int opened, int resolved, int escalated, int severityChanged) {
    }

    public record Subject(String targetId, String planId, String indicatorCode, String indicatorZh, String regionCode,
            String regionZh) {
    }

    public record OpenAlert(long id, String fingerprint, String kind, String severity, String status, Subject subject,
            String period, OffsetDateTime openedAt, long openDays, boolean escalated,
            AlertData.Acknowledgement acknowledgement, List<AlertData.Recipient> recipients) {
    }

    public record WeekChange(long alertId, String fingerprint, String kind, String change, String severity,
            OffsetDateTime at, Subject subject, String actor, String comment) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Digest digest(Long subscriptionId, String week) {
        if (subscriptionId == null) {
            throw ProblemException.invalid("say whose digest", List.of(Violation.ofField("subscription",
                    "the id of a subscription is required")));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate monday = week == null || week.isBlank()
                ? now.atZoneSameInstant(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : monday(week.trim());
        Subscription subscription = subscriptions.get(subscriptionId);
        OffsetDateTime from = monday.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = monday.plusWeeks(1).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime asOf = to.isBefore(now) ? to : now;

        Map<Long, List<AlertHistory>> histories = AlertHistory.<AlertHistory>list("at < :asOf", Sort.by("alertId").and("id"),
                Parameters.with("asOf", asOf)).stream().collect(Collectors.groupingBy(h -> h.alertId));
        List<Alert> alerts = histories.isEmpty() ? List.of() : Alert.list("id in ?1", histories.keySet());
        List<Subscription> all = Subscription.active();
        List<OpenAlert> open = new ArrayList<>();
        List<WeekChange> changes = new ArrayList<>();
        for (Alert alert : alerts) {
            List<AlertHistory> history = histories.get(alert.id);
            AlertHistory last = history.get(history.size() - 1);
            Subject subject = subject(alert);
            // Whether the alert stood escalated after each entry: an escalation lasts until the alert opens again.
            boolean escalated = false;
            for (AlertHistory h : history) {
                escalated = h.change.equals("ESCALATED") || (escalated && !h.change.equals("OPENED") && !h.change.equals("REOPENED"));
                if (!h.at.isBefore(from) && WEEKLY_CHANGES.contains(h.change)
                        && Routing.matches(subscription, alert, h.severity, escalated)) {
                    changes.add(new WeekChange(alert.id, alert.fingerprint, alert.kind, h.change, h.severity, h.at, subject,
                            h.actor, h.comment));
                }
            }
            if (!"RESOLVED".equals(last.status) && Routing.matches(subscription, alert, last.severity, escalated)) {
                OffsetDateTime openedAt = history.stream().filter(h -> h.change.equals("OPENED") || h.change.equals("REOPENED"))
                        .reduce((a, b) -> b).map(h -> h.at).orElse(alert.firstSeen);
                AlertHistory acknowledged = "ACKNOWLEDGED".equals(last.status) ? history.stream()
                        .filter(h -> h.change.equals("ACKNOWLEDGED")).reduce((a, b) -> b).orElse(null) : null;
                open.add(new OpenAlert(alert.id, alert.fingerprint, alert.kind, last.severity, last.status, subject,
                        last.period, openedAt, Duration.between(openedAt, asOf).toDays(), escalated,
                        acknowledged == null ? null : new AlertData.Acknowledgement(acknowledged.actor, acknowledged.at,
                                acknowledged.comment),
                        Routing.recipients(alert, all.stream().filter(s -> Routing.matches(s, alert)).toList())));
            }
        }
        open.sort(Comparator.comparing((OpenAlert a) -> a.acknowledgement() != null)
                .thenComparing(OpenAlert::openedAt).thenComparing(OpenAlert::id));
        changes.sort(Comparator.comparing(WeekChange::at).thenComparing(WeekChange::alertId));
        Counts counts = new Counts(open.size(), (int) open.stream().filter(a -> a.acknowledgement() == null).count(),
                count(changes, "OPENED") + count(changes, "REOPENED"), count(changes, "RESOLVED"), count(changes, "ESCALATED"),
                count(changes, "SEVERITY_CHANGED"));
        String isoWeek = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new Digest(new SubscriptionRef(subscription.id, subscription.recipient, subscription.recipientType), isoWeek,
                from, to, asOf, counts, open, changes);
    }

    static Subject subject(Alert alert) {
        Alert.Snapshot snapshot = alert.evidence;
        if (snapshot.report() != null) {
            return new Subject(null, null, snapshot.report().indicator().code(), snapshot.report().indicator().nameZh(),
                    snapshot.report().region().code(), snapshot.report().region().nameZh());
        }
        AlertData.TargetRef target = snapshot.target();
        return new Subject(alert.targetId, alert.planId, alert.indicatorCode,
                target == null || target.indicator() == null ? null : target.indicator().nameZh(), alert.regionCode,
                target == null || target.region() == null ? null : target.region().nameZh());
    }

    /** The Monday of an ISO week such as {@code 2026-W47}. */
    static LocalDate monday(String week) {
        Matcher m = WEEK.matcher(week);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            int number = Integer.parseInt(m.group(2));
            LocalDate fourthOfJanuary = LocalDate.of(year, 1, 4);
            if (number >= 1 && number <= fourthOfJanuary.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                return fourthOfJanuary.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
            }
        }
        throw ProblemException.invalid("query parameter 'week' is not an ISO week", List.of(Violation.ofField("week",
                "'" + week + "' is not an ISO week such as 2026-W47 (year, W, week 01–52 or 53)")));
    }

    private static int count(List<WeekChange> changes, String change) {
        return (int) changes.stream().filter(c -> c.change().equals(change)).count();
    }
}
