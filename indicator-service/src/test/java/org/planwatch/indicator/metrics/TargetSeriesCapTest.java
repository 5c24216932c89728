package org.planwatch.indicator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planwatch.indicator.IndicatorServiceTestSupport.kafka;
import static org.planwatch.indicator.metrics.GaugeTestSupport.metrics;
import static org.planwatch.indicator.metrics.GaugeTestSupport.perTargetLines;
import static org.planwatch.indicator.metrics.GaugeTestSupport.post;
import static org.planwatch.indicator.metrics.GaugeTestSupport.putPlan;
import static org.planwatch.indicator.metrics.GaugeTestSupport.targetCounts;
import static org.planwatch.indicator.metrics.GaugeTestSupport.targetsWithSeries;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.indicator.metrics.GaugeTestSupport.TargetSpec;

/**
 * With more active targets than planwatch.metrics.target-series.max-targets (the shipped catalog's 185 against 2),
 * only targets whose status needs attention have per-target series, at most 2, and one that recovers loses them;
 * planwatch_targets still counts every target.
 */
@QuarkusTest
@TestProfile(TargetSeriesCapTest.TwoTargetsWithSeries.class)
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class TargetSeriesCapTest {

    /** Full reads only when the test asks (and once at start-up), so what follows an evaluation is the per-target read alone. */
    public static class TwoTargetsWithSeries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("planwatch.metrics.target-series.max-targets", "2", "planwatch.metrics.refresh", "1h");
        }
    }

    private static final String PLAN = "gauges-cap";
    private static final String HIGH_TECH = "high_tech_enterprises";

    @Inject
    TargetGauges gauges;

    @Test
    void onlyTargetsNeedingAttentionHaveSeriesUpToTheCapAndARecoveredTargetLosesThem() throws Exception {
        putPlan(PLAN, List.of(new TargetSpec(HIGH_TECH, "370921"), new TargetSpec(HIGH_TECH, "370923"),
                new TargetSpec(HIGH_TECH, "370982"), new TargetSpec(HIGH_TECH, "370983")));
        try (KafkaCompanion kafka = kafka()) {
            post(kafka, HIGH_TECH, "370921", "2021", "42");
            post(kafka, HIGH_TECH, "370923", "2021", "47");
            awaitCounts(Map.of("370921 LAGGING", 1.0, "370923 ON_TRACK", 1.0));
            awaitSeries(Set.of(HIGH_TECH + " 370921"));
            assertThat(perTargetLines(metrics(), PLAN, "370923")).as("an ON_TRACK target above the cap").isEmpty();

            // Three LAGGING targets, two series: a full read keeps the first two by target id.
            post(kafka, HIGH_TECH, "370982", "2021", "42");
            post(kafka, HIGH_TECH, "370983", "2021", "42");
            awaitCounts(Map.of("370921 LAGGING", 1.0, "370923 ON_TRACK", 1.0, "370982 LAGGING", 1.0, "370983 LAGGING", 1.0));
            gauges.refresh();
            String metrics = metrics();
            assertThat(targetsWithSeries(metrics, PLAN)).isEqualTo(Set.of(HIGH_TECH + " 370921", HIGH_TECH + " 370982"));
            assertThat(metrics).containsPattern("planwatch_target_status_periods\\{indicator=\"high_tech_enterprises\","
                    + "plan=\"gauges-cap\",region=\"370921\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("planwatch_target_info\\{department=\"县科技局\",indicator=\"high_tech_enterprises\","
                    + "plan=\"gauges-cap\",region=\"370982\"[^}]*} 1\\.0");

            // Ningyang recovers: its series go right after the evaluation; the next full read gives its slot to Feicheng.
            post(kafka, HIGH_TECH, "370921", "2022", "53");
            awaitSeries(Set.of(HIGH_TECH + " 370982"));
            assertThat(perTargetLines(metrics(), PLAN, "370921")).isEmpty();
            awaitCounts(Map.of("370921 ON_TRACK", 1.0, "370923 ON_TRACK", 1.0, "370982 LAGGING", 1.0, "370983 LAGGING", 1.0));
            gauges.refresh();
            assertThat(targetsWithSeries(metrics(), PLAN)).isEqualTo(Set.of(HIGH_TECH + " 370982", HIGH_TECH + " 370983"));
        }
    }

    private static void awaitCounts(Map<String, Double> expected) {
        Awaitility.await("planwatch_targets of " + PLAN + " = " + expected).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(targetCounts(metrics(), PLAN)).isEqualTo(expected));
    }

    private static void awaitSeries(Set<String> expected) {
        Awaitility.await("per-target series of " + PLAN + " for " + expected).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(targetsWithSeries(metrics(), PLAN)).isEqualTo(expected));
    }
}
