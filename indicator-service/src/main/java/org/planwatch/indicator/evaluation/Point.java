package org.planwatch.indicator.evaluation;

import org.planwatch.platform.domain.Period;

/**
 * One figure of a series, already in the target's unit.
 *
 * @param basis {@code level}, {@code ytd} (1–N月累计), {@code yoy} (同比 %) or {@code share}
 */
public record Point(Period period, double value, String basis) {

    public int end() {
        return period.endMonth();
    }

    public boolean isYearToDate() {
        return "ytd".equals(basis);
    }
}
