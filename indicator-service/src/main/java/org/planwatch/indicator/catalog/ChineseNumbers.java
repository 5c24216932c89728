package org.planwatch.indicator.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the numbers of a Chinese policy text the way a reader does: Arabic figures with their
 * magnitude words (1.5万亿元, 8萬名, 1,376家), Chinese numerals (一百, 两千, 千亿级), in simplified
 * or traditional characters, with full-width digits and pinyin noise such as 萬(wan) tolerated.
 */
public final class ChineseNumbers {

    /** A number found in a text: its value as written, the magnitude word multiplied in, and where it starts. */
    public record Found(BigDecimal asWritten, BigDecimal value, String magnitude, int offset, int end) {
    }

    private static final Pattern PINYIN_NOISE = Pattern.compile("\\([a-z]{1,8}\\)");
    private static final Pattern ARABIC = Pattern.compile("(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(万亿|萬億|亿|億|万|萬|千|百)?");
    private static final Pattern CHINESE = Pattern.compile("[零〇一二两兩三四五六七八九十百千万萬亿億]+");
    private static final Map<Character, Integer> DIGITS = Map.ofEntries(
            Map.entry('零', 0), Map.entry('〇', 0), Map.entry('一', 1), Map.entry('二', 2), Map.entry('两', 2),
            Map.entry('兩', 2), Map.entry('三', 3), Map.entry('四', 4), Map.entry('五', 5), Map.entry('六', 6),
            Map.entry('七', 7), Map.entry('八', 8), Map.entry('九', 9));
    private static final Map<Character, Long> UNITS = Map.of('十', 10L, '百', 100L, '千', 1000L);
    private static final Map<Character, Long> SECTIONS = Map.of('万', 10_000L, '萬', 10_000L, '亿', 100_000_000L,
            '億', 100_000_000L);

    private ChineseNumbers() {
    }

    /** Removes pinyin noise in parentheses and turns full-width digits and points into ASCII. */
    public static String normalise(String text) {
        String cleaned = PINYIN_NOISE.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(cleaned.length());
        for (char c : cleaned.toCharArray()) {
            if (c >= '０' && c <= '９') {
                out.append((char) (c - '０' + '0'));
            } else if (c == '．') {
                out.append('.');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every number in {@code text} (offsets refer to the normalised text). */
    public static List<Found> find(String text) {
        String normalised = normalise(text);
        List<Found> found = new ArrayList<>();
        Matcher arabic = ARABIC.matcher(normalised);
        while (arabic.find()) {
            BigDecimal written = new BigDecimal(arabic.group(1).replace(",", ""));
            String magnitude = arabic.group(2);
            found.add(new Found(written, written.multiply(magnitudeOf(magnitude)), magnitude, arabic.start(), arabic.end()));
        }
        Matcher chinese = CHINESE.matcher(normalised);
        while (chinese.find()) {
            String numeral = chinese.group();
            int end = chinese.end();
            if (numeral.length() > 1 && numeral.endsWith("千") && end < normalised.length()
                    && "瓦米克".indexOf(normalised.charAt(end)) >= 0) {
                // 千万千瓦: the last 千 belongs to the unit 千瓦, not to the number.
                numeral = numeral.substring(0, numeral.length() - 1);
                end--;
            }
            Long value = parseChinese(numeral);
            if (value == null) {
                continue;
            }
            BigDecimal exact = BigDecimal.valueOf(value);
            char last = numeral.charAt(numeral.length() - 1);
            Long before = numeral.length() > 1 && SECTIONS.containsKey(last)
                    ? parseChinese(numeral.substring(0, numeral.length() - 1)) : null;
            if (before != null) {
                // 千万千瓦 is 1000 in 万千瓦: keep the magnitude word apart, as for Arabic figures.
                found.add(new Found(BigDecimal.valueOf(before), exact, String.valueOf(last), chinese.start(), end));
            } else {
                found.add(new Found(exact, exact, null, chinese.start(), end));
            }
        }
        return found;
    }

    private static BigDecimal magnitudeOf(String word) {
        if (word == null) {
            return BigDecimal.ONE;
        }
        return switch (word) {
            case "万亿", "萬億" -> new BigDecimal("1e12");
            case "亿", "億" -> new BigDecimal("1e8");
            case "万", "萬" -> new BigDecimal("1e4");
            case "千" -> new BigDecimal("1e3");
            case "百" -> new BigDecimal("1e2");
            default -> BigDecimal.ONE;
        };
    }

    /**
     * Parses a Chinese numeral: 一百 = 100, 两千三百 = 2300, 十五 = 15, 千亿 = 100000000000; null when
     * the characters are not a number (a lone 万 in 万众创新 is not).
     */
    static Long parseChinese(String numeral) {
        long total = 0;
        long section = 0;
        long digit = -1;
        boolean any = false;
        for (char c : numeral.toCharArray()) {
            if (DIGITS.containsKey(c)) {
                digit = DIGITS.get(c);
                any = true;
            } else if (UNITS.containsKey(c)) {
                section += (digit < 0 ? 1 : digit) * UNITS.get(c);
                digit = -1;
                any = true;
            } else if (SECTIONS.containsKey(c)) {
                if (!any) {
                    return null;
                }
                section += Math.max(digit, 0);
                total = (total + section) * SECTIONS.get(c);
                section = 0;
                digit = -1;
            }
        }
        if (!any) {
            return null;
        }
        return total + section + Math.max(digit, 0);
    }
}
