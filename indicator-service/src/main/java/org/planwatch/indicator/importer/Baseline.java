package org.planwatch.indicator.importer;

import java.math.BigDecimal;
import java.util.List;
import org.planwatch.indicator.importer.Candidate.RegionRef;

/**
 * A figure the text states as a fact of the past (截至2022年底,全市拥有国家高新技术企业1376家):
 * not a target, but a likely baseline for one.
 *
 * @param period the year the figure stands for, when the sentence names one, else null
 */
public record Baseline(String indicatorPhrase, BigDecimal value, String unit, String period, List<RegionRef> regions,
        String quote, int offset) {

    public Baseline {
        regions = List.copyOf(regions);
    }
}
