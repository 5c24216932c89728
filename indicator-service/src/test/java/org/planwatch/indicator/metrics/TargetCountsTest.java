package org.planwatch.indicator.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.planwatch.indicator.IndicatorServiceTestSupport.kafka;
import static org.planwatch.indicator.metrics.GaugeTestSupport.metrics;
import static org.planwatch.indicator.metrics.GaugeTestSupport.perTargetLines;
import static org.planwatch.indicator.metrics.GaugeTestSupport.post;
import static org.planwatch.indicator.metrics.GaugeTestSupport.putPlan;
import static org.planwatch.indicator.metrics.GaugeTestSupport.targetCounts;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.indicator.metrics.GaugeTestSupport.TargetSpec;

/** planwatch_targets counts the active targets per plan, region and latest status, and drops rows left empty. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class TargetCountsTest {

    private static final String PLAN = "gauges-count";
    private static final TargetSpec NINGYANG_HIGH_TECH = new TargetSpec("high_tech_enterprises", "370921");
    private static final TargetSpec NINGYANG_SMES = new TargetSpec("tech_smes", "370921");
    private static final TargetSpec DONGPING_HIGH_TECH = new TargetSpec("high_tech_enterprises", "370923");

    @Inject
    TargetGauges gauges;

    @Test
    void theCountsFollowTheLatestStatusesAndDropRowsWithoutTargets() throws Exception {
        putPlan(PLAN, List.of(NINGYANG_HIGH_TECH, NINGYANG_SMES, DONGPING_HIGH_TECH));
        try (KafkaCompanion kafka = kafka()) {
            post(kafka, "high_tech_enterprises", "370921", "2021", "42");
            post(kafka, "tech_smes", "370921", "2021", "42");
            post(kafka, "high_tech_enterprises", "370923", "2021", "47");
            awaitCounts(Map.of("370921 LAGGING", 2.0, "370923 ON_TRACK", 1.0));

            post(kafka, "high_tech_enterprises", "370921", "2022", "53");
            awaitCounts(Map.of("370921 LAGGING", 1.0, "370921 ON_TRACK", 1.0, "370923 ON_TRACK", 1.0));

            // The last LAGGING target of the region recovers: its row leaves the export rather than showing 0.
            post(kafka, "tech_smes", "370921", "2022", "53");
            awaitCounts(Map.of("370921 ON_TRACK", 2.0, "370923 ON_TRACK", 1.0));
        }

        // The plan drops Dongping's target: retired, it leaves the counts after the plan change and its series at the
        // next full read.
        assertThat(perTargetLines(metrics(), PLAN, "370923")).isNotEmpty();
        putPlan(PLAN, List.of(NINGYANG_HIGH_TECH, NINGYANG_SMES));
        awaitCounts(Map.of("370921 ON_TRACK", 2.0));
        gauges.refresh();
        assertThat(perTargetLines(metrics(), PLAN, "370923")).isEmpty();
        assertThat(perTargetLines(metrics(), PLAN, "370921")).isNotEmpty();
    }

    @Test
    void thePerTargetGaugesShowTheLatestEvaluationsFiguresAndForecast() throws Exception {
        String plan = "gauges-figures";
        TargetSpec xintai = new TargetSpec("high_tech_enterprises", "370982");
        putPlan(plan, List.of(xintai));
        try (KafkaCompanion kafka = kafka()) {
            // Three figures: enough for a fitted trend.
            post(kafka, "high_tech_enterprises", "370982", "2021-03", "41");
            post(kafka, "high_tech_enterprises", "370982", "2021-06", "42.5");
            post(kafka, "high_tech_enterprises", "370982", "2021-09", "44");
        }
        JsonPath latest = Awaitility.await("the evaluation of 2021-09").atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/targets/{id}", xintai.id(plan)).then().statusCode(200).extract().jsonPath()
                        .setRootPath("latestEvaluation"),
                evaluation -> "2021-09".equals(evaluation.getString("period")) && evaluation.get("forecast") != null);
        Map<String, Double> expected = new java.util.TreeMap<>(Map.of(
                "actual", 44.0, "expected", latest.getDouble("expected"), "value", 60.0,
                "progress_ratio", latest.getDouble("progressRatio"),
                "forecast", latest.getDouble("forecast.projected"),
                "forecast_lower", latest.getDouble("forecast.lower80"),
                "forecast_upper", latest.getDouble("forecast.upper80"),
                "forecast_probability", latest.getDouble("forecast.probability")));
        assertThat(expected.get("forecast")).isGreaterThan(44.0);
        Awaitility.await("the gauges of " + xintai.id(plan)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = metrics();
            Map<String, Double> gauges = new java.util.TreeMap<>();
            for (String name : expected.keySet()) {
                java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^planwatch_target_" + name
                        + "\\{indicator=\"high_tech_enterprises\",plan=\"" + plan + "\",region=\"370982\",unit=\"家\"} (\\S+)$")
                        .matcher(metrics);
                if (value.find()) {
                    gauges.put(name, Double.parseDouble(value.group(1)));
                }
            }
            assertThat(gauges).containsOnlyKeys(expected.keySet());
            expected.forEach((name, number) -> assertThat(gauges.get(name)).as(name).isCloseTo(number, within(1e-9)));
            assertThat(metrics).containsPattern("planwatch_target_status\\{indicator=\"high_tech_enterprises\",plan=\"" + plan
                    + "\",region=\"370982\",status=\"" + latest.getString("status") + "\"[^}]*} 1\\.0");
        });
    }

    private static void awaitCounts(Map<String, Double> expected) {
        Awaitility.await("planwatch_targets of " + PLAN + " = " + expected).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(targetCounts(metrics(), PLAN)).isEqualTo(expected));
    }
}
