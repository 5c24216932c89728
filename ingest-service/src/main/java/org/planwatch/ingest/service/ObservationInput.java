package org.planwatch.ingest.service;

import java.math.BigDecimal;
import org.planwatch.platform.domain.Period;

/** One figure of an upload after validation: every field checked against the catalog. */
public record ObservationInput(int index, String indicator, String region, Period period, BigDecimal value, String unit,
        String basis) {

    public String observationId() {
        return indicator + "|" + region + "|" + period;
    }
}
