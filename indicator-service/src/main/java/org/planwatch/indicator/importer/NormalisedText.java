package org.planwatch.indicator.importer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy text made readable for the rules, with a way back to the original: pinyin noise such
 * as 濱(bin)州 and page-break markers such as "\n3、" inside a sentence are dropped, full-width
 * digits and punctuation become ASCII, years written 二〇二五 become 2025, and traditional
 * characters become simplified. Every character of the clean text remembers where it came from,
 * so a quote can be cut from the original exactly as it was written, noise and markers included.
 */
final class NormalisedText {

    /** Pinyin in parentheses after a character, left by some web converters: 濱(bin)州, 個(ge). */
    private static final Pattern PINYIN_NOISE = Pattern.compile("[(（][a-z]{1,8}[)）]");
    /** A page number at the start of a line that continues the sentence of the line before. */
    private static final Pattern PAGE_BREAK = Pattern.compile("\\r?\\n[ \\t\\u3000]*\\d{1,3}、");
    private static final String SENTENCE_ENDS = "。！？；;!?";
    /** A year written digit by digit in Chinese numerals: 二〇二五年 is 2025年, four characters for four. */
    private static final Pattern CHINESE_YEAR = Pattern.compile("(?<![〇零一二三四五六七八九十])[一二][〇零一二三四五六七八九]{3}(?=年)");
    private static final String CHINESE_DIGITS = "〇一二三四五六七八九";

    private final String original;
    private final String clean;
    private final int[] origin;

    private NormalisedText(String original, String clean, int[] origin) {
        this.original = original;
        this.clean = clean;
        this.origin = origin;
    }

    static NormalisedText of(String original) {
        boolean[] dropped = new boolean[original.length()];
        mark(dropped, PINYIN_NOISE.matcher(original));
        Matcher pageBreak = PAGE_BREAK.matcher(original);
        while (pageBreak.find()) {
            // A marker after a full stop may be a numbered list item; only a marker that cuts a
            // sentence in two is a page break.
            int before = pageBreak.start() - 1;
            while (before >= 0 && (Character.isWhitespace(original.charAt(before)) || dropped[before])) {
                before--;
            }
            if (before >= 0 && SENTENCE_ENDS.indexOf(original.charAt(before)) < 0) {
                for (int i = pageBreak.start(); i < pageBreak.end(); i++) {
                    dropped[i] = true;
                }
            }
        }
        StringBuilder clean = new StringBuilder(original.length());
        int[] origin = new int[original.length() + 1];
        for (int i = 0; i < original.length(); i++) {
            if (dropped[i]) {
                continue;
            }
            origin[clean.length()] = i;
            clean.append(TraditionalChinese.simplify(plain(original.charAt(i))));
        }
        origin[clean.length()] = original.length();
        Matcher year = CHINESE_YEAR.matcher(clean);
        while (year.find()) {
            for (int i = year.start(); i < year.end(); i++) {
                char c = clean.charAt(i) == '零' ? '〇' : clean.charAt(i);
                clean.setCharAt(i, (char) ('0' + CHINESE_DIGITS.indexOf(c)));
            }
        }
        int[] trimmed = new int[clean.length() + 1];
        System.arraycopy(origin, 0, trimmed, 0, trimmed.length);
        return new NormalisedText(original, clean.toString(), trimmed);
    }

    private static void mark(boolean[] dropped, Matcher matcher) {
        while (matcher.find()) {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                dropped[i] = true;
            }
        }
    }

    /** Full-width digits and the punctuation the rules look for, as ASCII. */
    private static char plain(char c) {
        if (c >= '０' && c <= '９') {
            return (char) (c - '０' + '0');
        }
        return switch (c) {
            case '．' -> '.';
            case '（' -> '(';
            case '）' -> ')';
            case '，' -> ',';
            case '：' -> ':';
            case '％' -> '%';
            case '－', '–' -> '-';
            case '～' -> '~';
            default -> c;
        };
    }

    String clean() {
        return clean;
    }

    /** Offset in the original text of the clean character at {@code cleanIndex}. */
    int originalOffset(int cleanIndex) {
        return origin[cleanIndex];
    }

    /** The original text from the clean range's first character to its last, noise included. */
    String originalText(int cleanStart, int cleanEnd) {
        if (cleanEnd <= cleanStart) {
            return "";
        }
        return original.substring(origin[cleanStart], origin[cleanEnd - 1] + 1);
    }
}
