package org.planwatch.platform.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code data} of a {@code planwatch.report.v1} event on {@code planwatch.reports}: ingest-service's reporting
 * calendar says whether one figure (indicator × region × period) that was due has arrived. Keyed on Kafka by
 * {@code indicator|region} ({@link #seriesKey()}), so the events of one series stay in order.
 *
 * <p>{@code OVERDUE}: the figure was not posted by {@code dueDate} (checked at {@code checkedAt}).
 * {@code RECEIVED}: the figure arrived ({@code receivedAt}, {@code observationId}), possibly after it was
 * reported overdue. alert-service raises an {@code OVERDUE_REPORT} alert on the first and resolves it once every
 * overdue period of the series is received.
 *
 * @param period      canonical period as in {@code Period} ({@code 2026-09}, {@code 2026-Q3}, {@code 2026-01..02}, {@code 2025})
 * @param frequency   the indicator's reporting frequency ({@code monthly}, {@code quarterly}, {@code annual})
 * @param receivedAt  when the figure arrived; null while overdue
 * @param checkedAt   when the calendar judged it; a later check supersedes an earlier one
 * @param observationId the figure that arrived ({@code indicator|region|period}); null while overdue
 */
public record ReportData(
        IndicatorRef indicator,
        RegionRef region,
        String period,
        String frequency,
        LocalDate dueDate,
        String status,
        Instant receivedAt,
        Instant checkedAt,
        String observationId) {

    public static final String OVERDUE = "OVERDUE";
    public static final String RECEIVED = "RECEIVED";

    public record IndicatorRef(String code, String nameZh) {
    }

    public record RegionRef(String code, String nameZh) {
    }

    /** The Kafka key: {@code indicator|region}. */
    public String seriesKey() {
        return indicator.code() + "|" + region.code();
    }
}
