package org.planwatch.ingest.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * China's working days: Monday to Friday, except statutory holidays, plus the weekend days worked
 * instead (调休上班), as the State Council's yearly notices set them. A year without holiday data
 * counts weekdays only ({@link #covers(int)} says which years have data).
 */
public final class WorkingDays {

    /** How far {@link #nthWorkingDayAfter} looks before it gives up on a malformed calendar. */
    private static final int MAX_SPAN_DAYS = 3660;

    private final Map<LocalDate, String> holidays;
    private final Map<LocalDate, String> makeUpWorkdays;
    private final Set<Integer> years;

    public WorkingDays(Map<LocalDate, String> holidays, Map<LocalDate, String> makeUpWorkdays, Set<Integer> years) {
        this.holidays = Map.copyOf(holidays);
        this.makeUpWorkdays = Map.copyOf(makeUpWorkdays);
        this.years = Set.copyOf(years);
    }

    /** Weekdays only: for tests and for a deployment without holiday data. */
    public static WorkingDays weekdaysOnly() {
        return new WorkingDays(Map.of(), Map.of(), Set.of());
    }

    public boolean isWorkingDay(LocalDate date) {
        if (makeUpWorkdays.containsKey(date)) {
            return true;
        }
        if (holidays.containsKey(date)) {
            return false;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** The {@code n}-th working day strictly after {@code date} (n ≥ 1). */
    public LocalDate nthWorkingDayAfter(LocalDate date, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        LocalDate day = date;
        int counted = 0;
        for (int step = 0; step < MAX_SPAN_DAYS; step++) {
            day = day.plusDays(1);
            if (isWorkingDay(day) && ++counted == n) {
                return day;
            }
        }
        throw new IllegalStateException("no " + n + "th working day within " + MAX_SPAN_DAYS + " days after " + date);
    }

    /** {@code date} itself if it is a working day, else the next working day (顺延). */
    public LocalDate onOrAfter(LocalDate date) {
        return isWorkingDay(date) ? date : nthWorkingDayAfter(date, 1);
    }

    /** Whether the holiday notice of {@code year} is loaded. */
    public boolean covers(int year) {
        return years.contains(year);
    }

    public Set<Integer> years() {
        return new TreeSet<>(years);
    }

    /** The holiday's name (元旦, 春节 …) if {@code date} is a statutory holiday. */
    public String holidayName(LocalDate date) {
        return holidays.get(date);
    }
}
