package org.planwatch.platform.domain;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period in planwatch's canonical form: {@code 2024} (year), {@code 2024-Q1}
 * (quarter), {@code 2024-03} (month) or {@code 2024-01..02} (months published together, such as
 * 1–2月). A period stands at the end of its last month; {@link #endMonth()} counts months from
 * year 0 so that differences are elapsed months (end of 2022 to end of 2024 is 24).
 */
public record Period(int year, int firstMonth, int lastMonth, Kind kind) implements Comparable<Period> {

    public enum Kind { YEAR, QUARTER, MONTH, MONTHS }

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern MONTHS = Pattern.compile("(\\d{4})-(\\d{2})\\.\\.(\\d{2})");
    private static final int MIN_YEAR = 1949;
    private static final int MAX_YEAR = 2100;

    public Period {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("year " + year + " is outside " + MIN_YEAR + "–" + MAX_YEAR);
        }
        if (firstMonth < 1 || lastMonth > 12 || firstMonth > lastMonth) {
            throw new IllegalArgumentException("months " + firstMonth + ".." + lastMonth + " are not a valid range");
        }
        Objects.requireNonNull(kind);
    }

    /** Parses the canonical form; the message of the exception says what is wrong, for the clerk. */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("period is empty");
        }
        String value = text.trim();
        Matcher m;
        if ((m = YEAR.matcher(value)).matches()) {
            return new Period(Integer.parseInt(m.group(1)), 1, 12, Kind.YEAR);
        }
        if ((m = QUARTER.matcher(value)).matches()) {
            int quarter = Integer.parseInt(m.group(2));
            return new Period(Integer.parseInt(m.group(1)), quarter * 3 - 2, quarter * 3, Kind.QUARTER);
        }
        if ((m = MONTH.matcher(value)).matches()) {
            int month = month(m.group(2), value);
            return new Period(Integer.parseInt(m.group(1)), month, month, Kind.MONTH);
        }
        if ((m = MONTHS.matcher(value)).matches()) {
            int first = month(m.group(2), value);
            int last = month(m.group(3), value);
            if (first >= last) {
                throw new IllegalArgumentException("period '" + value + "' must name an increasing month range");
            }
            return new Period(Integer.parseInt(m.group(1)), first, last, Kind.MONTHS);
        }
        throw new IllegalArgumentException("period '" + value
                + "' is not one of YYYY, YYYY-Qn, YYYY-MM or YYYY-MM..MM (e.g. 2024, 2024-Q1, 2024-03, 2024-01..02)");
    }

    private static int month(String digits, String value) {
        int month = Integer.parseInt(digits);
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("period '" + value + "' has month " + digits + ", which is not 01–12");
        }
        return month;
    }

    /** Months from year 0 to the end of this period. */
    public int endMonth() {
        return year * 12 + lastMonth;
    }

    @Override
    public int compareTo(Period other) {
        int byEnd = Integer.compare(endMonth(), other.endMonth());
        return byEnd != 0 ? byEnd : Integer.compare(other.firstMonth, firstMonth);
    }

    /** The end of the period as {@code YYYY-MM}. */
    public String endLabel() {
        return String.format("%04d-%02d", year, lastMonth);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case YEAR -> Integer.toString(year);
            case QUARTER -> year + "-Q" + (lastMonth / 3);
            case MONTH -> String.format("%04d-%02d", year, lastMonth);
            case MONTHS -> String.format("%04d-%02d..%02d", year, firstMonth, lastMonth);
        };
    }
}
