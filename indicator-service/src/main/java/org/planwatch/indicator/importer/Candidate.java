package org.planwatch.indicator.importer;

import java.math.BigDecimal;
import java.util.List;

/**
 * A quantitative target proposed from a policy text, for a person to confirm before it enters
 * the catalog.
 *
 * @param indicatorPhrase the noun phrase naming what is measured, in simplified characters
 *        without pinyin noise, e.g. 国家高新技术企业 or 地区生产总值
 * @param value the value as written (800 for 800亿元, 1.5 for 1.5万亿元); for a range, its low end
 * @param unit a unit planwatch accepts ({@link org.planwatch.platform.domain.Units}), e.g. 亿元, 家, %
 * @param comparator {@code >=} or {@code <=}
 * @param approximate true for 左右, 约 and the like
 * @param rangeLow low end when the text gives a range (2—3家), else null
 * @param rangeHigh high end of that range, else null
 * @param deadline "YYYY" or "YYYY-MM" (到2024年5月底 → 2024-05); null when the text states none nearby
 * @param regions the counties the sentence names, one per candidate; empty means the plan's own city
 * @param leadDepartments departments the task's closing parentheses name as leading (牵头, first of 责任单位)
 * @param cooperatingDepartments departments named as cooperating (配合, the rest of 责任单位)
 * @param quote the exact substring of the original text, noise and page-break markers included
 * @param offset where the quote starts in the original text
 * @param trajectoryGuess linear, compound, hold, annual, cumulative or growth, from the wording
 */
public record Candidate(String indicatorPhrase, BigDecimal value, String unit, String comparator, boolean approximate,
        BigDecimal rangeLow, BigDecimal rangeHigh, String deadline, List<RegionRef> regions,
        List<String> leadDepartments, List<String> cooperatingDepartments, String quote, int offset,
        String trajectoryGuess) {

    /** A region named in the text: GB/T 2260 code and Chinese name. */
    public record RegionRef(String code, String name) {
    }

    public Candidate {
        regions = List.copyOf(regions);
        leadDepartments = List.copyOf(leadDepartments);
        cooperatingDepartments = List.copyOf(cooperatingDepartments);
    }
}
