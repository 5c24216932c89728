package org.planwatch.ingest.upload;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.planwatch.platform.domain.Period;

/**
 * Turns the period spellings of bureau spreadsheets (2024年3月, 2024年1-2月, 2024年一季度, 2024Q1 …)
 * into planwatch's canonical {@link Period}. Pure: no clock, no I/O.
 */
public final class PeriodSpellings {

    private static final Map<String, Integer> CHINESE_QUARTERS = Map.of("一", 1, "二", 2, "三", 3, "四", 4,
            "1", 1, "2", 2, "3", 3, "4", 4);
    private static final Pattern CHINESE_MONTH = Pattern.compile("(\\d{4})年(\\d{1,2})月(?:份)?");
    // Excel users type the range dash as '-', '—', '–', '～' or '~' (and 至).
    private static final Pattern CHINESE_MONTHS = Pattern.compile("(\\d{4})年(\\d{1,2})月?\\s*[-—–～~至]\\s*(\\d{1,2})月(?:累计)?");
    private static final Pattern CHINESE_QUARTER = Pattern.compile("(\\d{4})年第?([一二三四1-4])季度");
    private static final Pattern CHINESE_YEAR = Pattern.compile("(\\d{4})年(?:度)?");
    private static final Pattern COMPACT_QUARTER = Pattern.compile("(\\d{4})-?[Qq]([1-4])");
    private static final Pattern SHORT_MONTH = Pattern.compile("(\\d{4})[-/.](\\d{1,2})");

    private PeriodSpellings() {
    }

    /**
     * The canonical period for {@code text}; the exception's message says what is wrong, for the clerk.
     *
     * @throws IllegalArgumentException when the spelling is not one planwatch knows
     */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("period is empty");
        }
        String value = FullWidth.toHalfWidth(text).strip();
        Matcher m;
        if ((m = CHINESE_MONTHS.matcher(value)).matches()) {
            int first = Integer.parseInt(m.group(2));
            int last = Integer.parseInt(m.group(3));
            if (first == last) {
                return Period.parse(String.format("%s-%02d", m.group(1), first));
            }
            if (first > last || first < 1 || last > 12) {
                throw new IllegalArgumentException("period '" + text + "' must name an increasing range of months 1–12");
            }
            return Period.parse(String.format("%s-%02d..%02d", m.group(1), first, last));
        }
        if ((m = CHINESE_MONTH.matcher(value)).matches()) {
            return month(m.group(1), m.group(2), text);
        }
        if ((m = CHINESE_QUARTER.matcher(value)).matches()) {
            return Period.parse(m.group(1) + "-Q" + CHINESE_QUARTERS.get(m.group(2)));
        }
        if ((m = CHINESE_YEAR.matcher(value)).matches()) {
            return Period.parse(m.group(1));
        }
        if ((m = COMPACT_QUARTER.matcher(value)).matches()) {
            return Period.parse(m.group(1) + "-Q" + m.group(2));
        }
        if ((m = SHORT_MONTH.matcher(value)).matches()) {
            return month(m.group(1), m.group(2), text);
        }
        try {
            return Period.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("period '" + text + "' is not a known spelling: use 2024, 2024年, 2024-Q1, "
                    + "2024年一季度, 2024-03, 2024年3月, 2024-01..02 or 2024年1-2月", e);
        }
    }

    private static Period month(String year, String month, String text) {
        int number = Integer.parseInt(month);
        if (number < 1 || number > 12) {
            throw new IllegalArgumentException("period '" + text + "' has month " + month + ", which is not 1–12");
        }
        return Period.parse(String.format("%s-%02d", year, number));
    }
}
