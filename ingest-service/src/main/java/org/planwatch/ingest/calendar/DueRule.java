package org.planwatch.ingest.calendar;

import java.time.LocalDate;
import java.time.YearMonth;
import org.planwatch.platform.domain.Period;

/**
 * When the figure of a period is due. {@link Counting#CALENDAR_DAYS}: day {@code dayOfMonth} of the
 * {@code monthsAfter}-th month after the period (capped at the month's length), or {@code days}
 * calendar days after the period's last day; {@code rollForward} moves a due date that is not a
 * working day to the next one. {@link Counting#WORKING_DAYS}: the {@code days}-th working day after
 * the period's last day. {@code januaryWithFebruary}: a monthly indicator published as 1–2月.
 */
public record DueRule(Counting counting, Integer days, Integer monthsAfter, Integer dayOfMonth, boolean rollForward,
        boolean januaryWithFebruary) {

    public enum Counting {
        CALENDAR_DAYS, WORKING_DAYS;

        public static Counting of(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
                case "calendar-days", "calendar" -> CALENDAR_DAYS;
                case "working-days", "working" -> WORKING_DAYS;
                default -> throw new IllegalArgumentException("counting '" + text + "' is neither calendar-days nor working-days");
            };
        }
    }

    public DueRule {
        if (counting == null) {
            throw new IllegalArgumentException("a due rule needs counting (calendar-days or working-days)");
        }
        if (counting == Counting.WORKING_DAYS && (days == null || days < 1)) {
            throw new IllegalArgumentException("a working-days rule needs days ≥ 1");
        }
        if (counting == Counting.CALENDAR_DAYS) {
            boolean byDate = monthsAfter != null && dayOfMonth != null;
            if (!byDate && days == null) {
                throw new IllegalArgumentException("a calendar-days rule needs monthsAfter and dayOfMonth, or days");
            }
            if (byDate && (monthsAfter < 0 || dayOfMonth < 1 || dayOfMonth > 31)) {
                throw new IllegalArgumentException("monthsAfter must be ≥ 0 and dayOfMonth 1–31");
            }
            if (!byDate && days < 0) {
                throw new IllegalArgumentException("days must be ≥ 0");
            }
        }
    }

    public LocalDate dueDate(Period period, WorkingDays workingDays) {
        YearMonth last = YearMonth.of(period.year(), period.lastMonth());
        LocalDate periodEnd = last.atEndOfMonth();
        if (counting == Counting.WORKING_DAYS) {
            return workingDays.nthWorkingDayAfter(periodEnd, days);
        }
        LocalDate due;
        if (monthsAfter != null && dayOfMonth != null) {
            YearMonth month = last.plusMonths(monthsAfter);
            due = month.atDay(Math.min(dayOfMonth, month.lengthOfMonth()));
        } else {
            due = periodEnd.plusDays(days);
        }
        return rollForward ? workingDays.onOrAfter(due) : due;
    }

    /** The rule in words, shown with each calendar item. */
    public String describe() {
        if (counting == Counting.WORKING_DAYS) {
            return days + " working days after the period";
        }
        String text = monthsAfter != null && dayOfMonth != null
                ? "day " + dayOfMonth + " of the " + ordinal(monthsAfter) + " month after the period"
                : days + " calendar days after the period";
        return rollForward ? text + ", moved to the next working day" : text;
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 0 -> "same";
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }
}
