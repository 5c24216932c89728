package org.planwatch.alert.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.platform.events.AlertData;

/** Which subscriptions an alert matches, whom it is addressed to, and which changes notify. Plain Java. */
public final class Routing {

    private Routing() {
    }

    /**
     * Every non-empty filter must accept the alert (an empty filter accepts everything); and once the alert is
     * escalated, the subscriptions of the office above take it whatever their other filters say.
     */
    public static boolean matches(Subscription subscription, Alert alert) {
        return matches(subscription, alert, alert.severity, alert.escalated);
    }

    /** As {@link #matches(Subscription, Alert)} for the alert at a moment it had {@code severity} and {@code escalated} (the digest). */
    public static boolean matches(Subscription subscription, Alert alert, String severity, boolean escalated) {
        return filtersAccept(subscription, alert, severity) || (escalated && ofOfficeAbove(subscription, alert.regionCode));
    }

    /**
     * The region whose supervision office an escalation reaches, one level up by GB/T 2260: a county or district
     * ({@code 371002}) → its city ({@code 371000}) → its province ({@code 370000}). There is no office above a
     * province in planwatch, so a province's alert stays with the province's own office.
     */
    public static String regionAbove(String region) {
        if (region == null || region.length() != 6 || region.endsWith("0000")) {
            return region;
        }
        return region.endsWith("00") ? region.substring(0, 2) + "0000" : region.substring(0, 4) + "00";
    }

    /** A subscription of the office above the region: an office whose region filter names that region. */
    public static boolean ofOfficeAbove(Subscription subscription, String region) {
        return region != null && AlertData.Recipient.OFFICE.equals(subscription.recipientType)
                && subscription.regions.contains(regionAbove(region));
    }

    private static boolean filtersAccept(Subscription subscription, Alert alert, String severity) {
        return (subscription.kinds.isEmpty() || subscription.kinds.contains(alert.kind))
                && severityRank(severity) >= severityRank(subscription.minSeverity)
                && (subscription.regions.isEmpty() || subscription.regions.stream().anyMatch(r -> covers(r, alert.regionCode)))
                && (subscription.plans.isEmpty() || subscription.plans.contains(alert.planId))
                && (subscription.departments.isEmpty() || departments(alert).stream().anyMatch(subscription.departments::contains));
    }

    /**
     * A region filter names a region or any region inside it, by GB/T 2260: {@code 370000} a province,
     * {@code 371600} a city with its districts and counties, {@code 371681} one county.
     */
    public static boolean covers(String filter, String region) {
        if (region == null) {
            return false;
        }
        if (filter.equals(region)) {
            return true;
        }
        if (filter.length() == 6 && filter.endsWith("0000")) {
            return region.startsWith(filter.substring(0, 2));
        }
        return filter.length() == 6 && filter.endsWith("00") && region.startsWith(filter.substring(0, 4));
    }

    /** The departments an alert concerns: the target's lead and cooperating departments and its department recipients. */
    static Set<String> departments(Alert alert) {
        Set<String> departments = new LinkedHashSet<>(alert.leadDepartments);
        departments.addAll(alert.cooperatingDepartments);
        alert.recipients.stream().filter(r -> AlertData.Recipient.DEPARTMENT.equals(r.type()))
                .forEach(r -> departments.add(r.name()));
        return departments;
    }

    /** The alert's default recipients, the office it was escalated to, then those of the subscriptions it matches, each once. */
    public static List<AlertData.Recipient> recipients(Alert alert, List<Subscription> matching) {
        Set<AlertData.Recipient> recipients = new LinkedHashSet<>(alert.recipients);
        if (alert.escalated && alert.escalatedTo != null) {
            recipients.add(new AlertData.Recipient(alert.escalatedTo, AlertData.Recipient.OFFICE));
        }
        for (Subscription subscription : matching) {
            recipients.add(new AlertData.Recipient(subscription.recipient, subscription.recipientType));
        }
        return new ArrayList<>(recipients);
    }

    /**
     * Whether a change is sent to a matching subscription's webhook: openings, reopenings, severity changes,
     * escalations and reminders always; resolutions when the subscription asks for them; an acknowledgement never
     * (it is the recipients' own answer; it is on Kafka). An acknowledged alert therefore notifies again only when
     * its severity changes (or it resolves).
     */
    public static boolean notifies(Subscription subscription, String change) {
        return switch (change) {
            case "RESOLVED" -> subscription.includeResolutions;
            case "ACKNOWLEDGED" -> false;
            default -> true;
        };
    }

    public static int severityRank(String severity) {
        return "critical".equals(severity) ? 2 : "warning".equals(severity) ? 1 : 0;
    }
}
