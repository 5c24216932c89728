package org.planwatch.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> targets() throws Exception {
        List<JsonNode> targets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            targets.add(JSON.readTree("""
                    {"id":"p.level-%d","indicator":{"code":"level_%d","unit":"家","basis":"level"},"region":{"code":"371000"},
                     "baseline":{"value":100,"period":"2022"},"targetValue":200,"unit":"家","comparator":">=",
                     "deadline":"2027","trajectory":"linear"}""".formatted(i, i)));
        }
        targets.add(JSON.readTree("""
                {"id":"p.annual","indicator":{"code":"output","unit":"亿元","basis":"ytd"},"region":{"code":"371000"},
                 "targetValue":1000,"unit":"亿元","comparator":">=","deadline":"2027","trajectory":"annual","startPeriod":"2024"}"""));
        return targets;
    }

    @Test
    void theSameSeedGivesTheSameFigures() throws Exception {
        var first = new SeriesGenerator(7, 2026, 11, "none").generate(targets());
        var second = new SeriesGenerator(7, 2026, 11, "none").generate(targets());
        var other = new SeriesGenerator(8, 2026, 11, "none").generate(targets());

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void theMixHasOnePathOfEachKindAndEveryFigureIsMarkedSimulated() throws Exception {
        var series = new SeriesGenerator(2026, 2026, 11, "p.level-3").generate(targets());

        assertThat(series).extracting(SeriesGenerator.Series::scenario)
                .contains("regressing", "seasonal", "lagging (featured)", "on track")
                .anySatisfy(s -> assertThat(s).endsWith(", revised"));
        assertThat(series).flatExtracting(SeriesGenerator.Series::rows)
                .allSatisfy(row -> assertThat(row.source()).isEqualTo(SeriesGenerator.SOURCE));
        SeriesGenerator.Series seasonal = series.stream().filter(s -> s.scenario().equals("seasonal")).findFirst().orElseThrow();
        // Three past years of twelve months and this year up to October; March holds 15% of its year.
        assertThat(seasonal.rows()).hasSize(36 + 10);
        SeriesGenerator.Row march = seasonal.rows().get(2);
        SeriesGenerator.Row december = seasonal.rows().get(11);
        assertThat(march.value() / december.value()).isBetween(0.149, 0.151);
    }
}
