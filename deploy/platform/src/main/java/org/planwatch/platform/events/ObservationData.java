package org.planwatch.platform.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * {@code data} of a {@code planwatch.observation.v1} event: one accepted figure (one revision of
 * it), keyed on Kafka by {@code indicator|region}.
 *
 * @param observationId stable id of the figure (indicator, region, period); the same for all its revisions
 * @param revision      1 for the first figure posted, +1 for every changed value
 * @param postedBy      the {@code upn} of the token that posted this revision (null in events from before tokens)
 */
public record ObservationData(
        String observationId,
        String indicator,
        String region,
        String period,
        BigDecimal value,
        String unit,
        String basis,
        int revision,
        String source,
        OffsetDateTime receivedAt,
        String postedBy) {

    public String seriesKey() {
        return indicator + "|" + region;
    }
}
