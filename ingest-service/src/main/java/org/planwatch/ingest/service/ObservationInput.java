package org.planwatch.ingest.service;

import java.math.BigDecimal;
import org.planwatch.platform.domain.Period;

/**
 * One figure of an upload after validation: every field checked against the catalog.
 *
 * @param source optional label of where the figure comes from (e.g. a statistical bulletin, or simulated data)
 */
public record ObservationInput(int index, String indicator, String region, Period period, BigDecimal value, String unit,
        String basis, String source) {

    public String observationId() {
        return indicator + "|" + region + "|" + period;
    }
}
