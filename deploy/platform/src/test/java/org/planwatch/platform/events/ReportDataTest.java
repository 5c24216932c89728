package org.planwatch.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The wire shape of {@code planwatch.report.v1} data, which ingest-service writes and alert-service reads. */
class ReportDataTest {

    private final ObjectMapper json = PlanwatchJackson.newMapper();

    @Test
    void writesDatesAsIsoTextAndReadsBackTheSameRecord() throws Exception {
        ReportData overdue = new ReportData(new ReportData.IndicatorRef("gdp", "地区生产总值"),
                new ReportData.RegionRef("371681", "邹平市"), "2026-09", "monthly", LocalDate.of(2026, 10, 20),
                ReportData.OVERDUE, null, Instant.parse("2026-10-21T01:00:00Z"), null);
        JsonNode tree = json.valueToTree(overdue);
        assertThat(tree.path("dueDate").asText()).isEqualTo("2026-10-20");
        assertThat(tree.path("checkedAt").asText()).isEqualTo("2026-10-21T01:00:00Z");
        assertThat(tree.path("indicator").path("nameZh").asText()).isEqualTo("地区生产总值");
        assertThat(tree.path("receivedAt").isNull()).isTrue();
        assertThat(json.treeToValue(tree, ReportData.class)).isEqualTo(overdue);
        assertThat(overdue.seriesKey()).isEqualTo("gdp|371681");
        assertThat(Topics.deadLetter(Topics.REPORTS)).isEqualTo("planwatch.reports.dlq");
    }
}
