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
}
