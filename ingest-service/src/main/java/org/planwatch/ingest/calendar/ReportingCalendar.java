package org.planwatch.ingest.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.planwatch.platform.domain.Period;

/**
 * Which figures are expected, when each is due and whether it arrived: plain logic over the
 * targets' spans, the reporting rules, the holiday calendar and the first arrival of each figure.
 * Months are counted as in {@link Period#endMonth()} ({@code year × 12 + month}).
 */
public final class ReportingCalendar {

    /** A target's demand: every period of the indicator's frequency that ends at or after {@code fromMonth} and begins at or before {@code toMonth}. */
    public record Span(String indicator, String indicatorNameZh, String region, String regionNameZh, String frequency,
            int fromMonth, int toMonth) {
    }

    /** The first revision of a figure: when it arrived. */
    public record Arrival(String observationId, OffsetDateTime receivedAt) {
    }

    public enum Status { DUE, RECEIVED, RECEIVED_LATE, OVERDUE }

    public record Item(String indicator, String indicatorNameZh, String region, String regionNameZh, String period,
            String frequency, LocalDate dueDate, Status status, OffsetDateTime receivedAt, String observationId,
            String dueRule) {

        public String key() {
            return indicator + "|" + region + "|" + period;
        }
    }

    private static final Logger LOG = Logger.getLogger(ReportingCalendar.class);

    private final ReportingRules rules;
    private final WorkingDays workingDays;
    private final ZoneId zone;
    private final Set<Integer> yearsWarned = ConcurrentHashMap.newKeySet();

    public ReportingCalendar(ReportingRules rules, WorkingDays workingDays, ZoneId zone) {
        this.rules = rules;
        this.workingDays = workingDays;
        this.zone = zone;
    }

    /**
     * Every expected figure whose period has ended before {@code today}, once per indicator, region
     * and period however many targets ask for it, ordered by due date.
     *
     * @param arrivals first arrival by observation id ({@code indicator|region|period})
     */
    public List<Item> items(Collection<Span> spans, Map<String, Arrival> arrivals, LocalDate today) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (Span span : spans) {
            Optional<DueRule> rule = rules.ruleFor(span.indicator(), span.frequency());
            if (rule.isEmpty()) {
                continue;
            }
            for (Period period : periods(span.frequency(), rule.get().januaryWithFebruary(), span.fromMonth(), span.toMonth())) {
                LocalDate periodEnd = YearMonth.of(period.year(), period.lastMonth()).atEndOfMonth();
                String key = span.indicator() + "|" + span.region() + "|" + period;
                if (!periodEnd.isBefore(today) || items.containsKey(key)) {
                    continue;
                }
                LocalDate due = rule.get().dueDate(period, workingDays);
                warnWithoutHolidays(rule.get(), due);
                Arrival arrival = arrivalOf(arrivals, span, period);
                items.put(key, new Item(span.indicator(), span.indicatorNameZh(), span.region(), span.regionNameZh(),
                        period.toString(), span.frequency(), due, status(due, arrival, today),
                        arrival == null ? null : arrival.receivedAt(), arrival == null ? null : arrival.observationId(),
                        rule.get().describe()));
            }
        }
        List<Item> sorted = new ArrayList<>(items.values());
        sorted.sort(Comparator.comparing(Item::dueDate).thenComparing(Item::indicator).thenComparing(Item::region)
                .thenComparing(item -> Period.parse(item.period())));
        return sorted;
    }

    /** A working-day due date in a year without its holiday notice counts weekdays only: say so once per year. */
    private void warnWithoutHolidays(DueRule rule, LocalDate due) {
        boolean usesWorkingDays = rule.counting() == DueRule.Counting.WORKING_DAYS || rule.rollForward();
        if (usesWorkingDays && !workingDays.covers(due.getYear()) && yearsWarned.add(due.getYear())) {
            LOG.warnf("No holiday file for %d (calendar/holidays-%d.yaml or planwatch.calendar.holidays-dir): its "
                    + "working-day due dates count weekdays only", due.getYear(), due.getYear());
        }
    }

    private Status status(LocalDate due, Arrival arrival, LocalDate today) {
        if (arrival != null) {
            LocalDate arrivedOn = arrival.receivedAt().atZoneSameInstant(zone).toLocalDate();
            return arrivedOn.isAfter(due) ? Status.RECEIVED_LATE : Status.RECEIVED;
        }
        return today.isAfter(due) ? Status.OVERDUE : Status.DUE;
    }

    /** A 1–2月 figure may also be posted as February's year-to-date figure; the earlier arrival counts. */
    private static Arrival arrivalOf(Map<String, Arrival> arrivals, Span span, Period period) {
        String series = span.indicator() + "|" + span.region() + "|";
        Arrival exact = arrivals.get(series + period);
        if (period.kind() != Period.Kind.MONTHS) {
            return exact;
        }
        Arrival february = arrivals.get(series + new Period(period.year(), period.lastMonth(), period.lastMonth(),
                Period.Kind.MONTH));
        if (exact == null || february == null) {
            return exact != null ? exact : february;
        }
        return february.receivedAt().isBefore(exact.receivedAt()) ? february : exact;
    }

    /** The periods of a frequency overlapping the months {@code fromMonth}..{@code toMonth}; empty for an unknown frequency. */
    public static List<Period> periods(String frequency, boolean januaryWithFebruary, int fromMonth, int toMonth) {
        List<Period> periods = new ArrayList<>();
        if (frequency == null) {
            return periods;
        }
        int firstYear = Math.max(Math.floorDiv(fromMonth - 1, 12) - 1, 1949);
        int lastYear = Math.min(Math.floorDiv(toMonth - 1, 12) + 1, 2100);
        for (int year = firstYear; year <= lastYear; year++) {
            for (Period period : periodsOfYear(frequency.toLowerCase(Locale.ROOT), januaryWithFebruary, year)) {
                int start = year * 12 + period.firstMonth();
                if (period.endMonth() >= fromMonth && start <= toMonth) {
                    periods.add(period);
                }
            }
        }
        return periods;
    }

    private static List<Period> periodsOfYear(String frequency, boolean januaryWithFebruary, int year) {
        List<Period> periods = new ArrayList<>();
        switch (frequency) {
            case "annual" -> periods.add(new Period(year, 1, 12, Period.Kind.YEAR));
            case "quarterly" -> {
                for (int quarter = 1; quarter <= 4; quarter++) {
                    periods.add(new Period(year, quarter * 3 - 2, quarter * 3, Period.Kind.QUARTER));
                }
            }
            case "monthly" -> {
                int firstSingle = 1;
                if (januaryWithFebruary) {
                    periods.add(new Period(year, 1, 2, Period.Kind.MONTHS));
                    firstSingle = 3;
                }
                for (int month = firstSingle; month <= 12; month++) {
                    periods.add(new Period(year, month, month, Period.Kind.MONTH));
                }
            }
            default -> {
                // An unknown frequency has no periods; the calendar leaves its indicator out.
            }
        }
        return periods;
    }

    /** {@code year × 12 + month} of a date, as {@link Period#endMonth()} counts. */
    public static int monthOf(LocalDate date) {
        return date.getYear() * 12 + date.getMonthValue();
    }
}
