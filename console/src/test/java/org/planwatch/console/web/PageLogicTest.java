package org.planwatch.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageLogicTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void signInReturnsOnlyToAPathOfTheConsole() {
        assertThat(SignInResource.safeNext("/upload/371000?x=1")).isEqualTo("/upload/371000?x=1");
        assertThat(SignInResource.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(SignInResource.safeNext("/\\evil.example/")).isEqualTo("/");
        assertThat(SignInResource.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(SignInResource.safeNext(null)).isEqualTo("/");
    }

    @Test
    void periodsAreOrderedByTheMonthTheyEnd() {
        assertThat(TargetResource.endMonth("2024")).isEqualTo(2024 * 12 + 12);
        assertThat(TargetResource.endMonth("2024-Q1")).isEqualTo(2024 * 12 + 3);
        assertThat(TargetResource.endMonth("2024-01..02")).isEqualTo(2024 * 12 + 2);
        assertThat(TargetResource.endMonth("2024-03")).isGreaterThan(TargetResource.endMonth("2024-01..02"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChartStartsAtTheBaselineKeepsTheLatestFigureOfAPeriodAndMarksItsRevision() throws Exception {
        JsonNode target = JSON.readTree("{\"unit\":\"家\",\"targetValue\":1600,\"deadline\":\"2024\","
                + "\"baseline\":{\"value\":1376,\"period\":\"2022\"},\"latestEvaluation\":{\"forecast\":null}}");
        JsonNode evaluations = JSON.readTree("[{\"period\":\"2023\",\"actual\":1420,\"expected\":1488,\"observationRevision\":2,"
                + "\"statusZh\":\"滞后\",\"evaluatedAt\":\"2026-11-23T13:02:00Z\"},"
                + "{\"period\":\"2023\",\"actual\":1400,\"expected\":1488,\"observationRevision\":1,\"statusZh\":\"滞后\","
                + "\"evaluatedAt\":\"2026-11-23T13:01:00Z\"}]");
        Map<String, Object> chart = TargetResource.chart(target, evaluations);
        List<Map<String, Object>> points = (List<Map<String, Object>>) chart.get("points");
        assertThat(points).extracting(p -> p.get("period")).containsExactly("2022", "2023");
        assertThat(points.get(1).get("actual").toString()).isEqualTo("1420");
        assertThat(points.get(1).get("revised")).isEqualTo(true);
        assertThat(points.get(0).get("revised")).isEqualTo(false);
        assertThat(chart.get("target").toString()).isEqualTo("1600");
        assertThat(chart).doesNotContainKey("forecast");
    }

    @Test
    void theReportShowsTheServicesNumbersAsTheyCameAndOneXlsxRowPerDepartmentAndTarget() throws Exception {
        JsonNode report = JSON.readTree("{\"plan\":{\"id\":\"p\",\"title\":\"规划\"},\"asOf\":\"2024-12-31T23:59:59.999999+08:00\","
                + "\"targets\":1,\"byStatus\":{\"LAGGING\":1,\"ON_TRACK\":0},\"departments\":["
                + "{\"department\":\"市科技局\",\"byStatus\":{\"LAGGING\":1},\"rows\":[{\"targetId\":\"p.t\",\"actual\":1400,"
                + "\"baseline\":1376,\"targetValue\":1600,\"completionProgress\":10.7,\"timeProgress\":50.0,\"gap\":-88,"
                + "\"status\":\"LAGGING\",\"statusZh\":\"滞后\",\"observationRevision\":2,\"cooperatingDepartments\":[\"市财政局\",\"市统计局\"]}]},"
                + "{\"department\":\"市统计局\",\"byStatus\":{\"LAGGING\":1},\"rows\":[{\"targetId\":\"p.t\",\"actual\":null,"
                + "\"status\":\"NOT_REPORTED\",\"statusZh\":\"未报送\"}]}]}");
        EvaluationReport.View view = EvaluationReport.view(report);
        assertThat(view.counts()).extracting(EvaluationReport.Count::label).containsExactly("滞后");
        assertThat(view.asOf()).isEqualTo("2024-12-31 23:59:59");
        assertThat(EvaluationReport.beijing("2024-12-31T15:59:59.999999Z")).isEqualTo("2024-12-31 23:59:59");
        EvaluationReport.Line line = view.sections().get(0).rows().get(0);
        assertThat(line.completion()).isEqualTo("10.7");
        assertThat(line.time()).isEqualTo("50.0");
        assertThat(line.target()).isEqualTo("1600");
        assertThat(line.gap()).isEqualTo("-88");
        assertThat(line.cooperating()).isEqualTo("市财政局、市统计局");
        assertThat(view.sections().get(1).rows().get(0).actual()).isNull();
        List<List<Object>> rows = EvaluationReport.xlsxRows(report);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).hasSameSizeAs(EvaluationReport.XLSX_HEADER);
        assertThat(rows.get(0).get(0)).isEqualTo("市科技局");
        assertThat(rows.get(0).get(12)).isEqualTo(new java.math.BigDecimal("10.7"));
        assertThat(rows.get(1).get(9)).isNull();
    }

    @Test
    void digestWeeksStepByIsoWeeksAcrossTheYear() {
        assertThat(DigestResource.monday("2026-W47")).isEqualTo(java.time.LocalDate.of(2026, 11, 16));
        assertThat(DigestResource.isoWeek(DigestResource.monday("2026-W01").minusWeeks(1))).isEqualTo("2025-W52");
        assertThat(DigestResource.isoWeek(DigestResource.monday("2026-W53").plusWeeks(1))).isEqualTo("2027-W01");
        assertThat(DigestResource.monday("next week")).isNull();
    }
}
