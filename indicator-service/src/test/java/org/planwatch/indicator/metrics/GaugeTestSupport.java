package org.planwatch.indicator.metrics;

import static io.restassured.RestAssured.given;
import static org.planwatch.indicator.IndicatorServiceTestSupport.observationEvent;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.platform.events.Topics;

/**
 * Test plans of high-tech enterprise targets in Tai'an's counties (no shipped target watches those series), figures
 * for them, and what /q/metrics exports about them.
 * <p>
 * Every target promises 60 enterprises by 2023 from 40 in 2020 (linear, on track from r ≥ 0.9, at risk from 0.5):
 * 2021 expects 46.7, so 42 is LAGGING and 47 ON_TRACK; 2022 expects 53.3, so 53 is ON_TRACK.
 */
final class GaugeTestSupport {

    private static final Pattern COUNT = Pattern.compile(
            "(?m)^planwatch_targets\\{plan=\"([^\"]*)\",region=\"([^\"]*)\",status=\"([^\"]*)\"} (\\S+)$");
    private static final Pattern TARGET_STATUS = Pattern.compile(
            "(?m)^planwatch_target_status\\{indicator=\"([^\"]*)\",plan=\"([^\"]*)\",region=\"([^\"]*)\"[^}]*} (\\S+)$");

    private GaugeTestSupport() {
    }

    /** A target of {@code plan}: an indicator (unit 家) in a Tai'an county. */
    record TargetSpec(String indicator, String region) {

        String id(String plan) {
            return plan + "." + indicator + "-" + region + "-2023";
        }
    }

    /** Puts (creates or replaces) {@code plan} with exactly {@code targets}: targets it had before and not now are retired. */
    static void putPlan(String plan, List<TargetSpec> targets) {
        StringBuilder document = new StringBuilder("""
                plan:
                  id: %1$s
                  title: 高新技术企业培育测试规划
                  issuer: 泰安市人民政府
                  issuedOn: "2020-03-01"
                  sourceFile: %1$s.txt
                  region: "370900"
                  thresholds: {onTrack: 0.9, atRisk: 0.5}
                targets:
                """.formatted(plan));
        for (TargetSpec target : targets) {
            document.append("""
                      - id: %s
                        indicator: %s
                        region: "%s"
                        comparator: ">="
                        value: 60
                        unit: 家
                        deadline: "2023"
                        trajectory: linear
                        baseline: {value: 40, period: "2020"}
                        leadDepartments: [县科技局]
                        quote: 到2023年,高新技术企业达到60家
                    """.formatted(target.id(plan), target.indicator(), target.region()));
        }
        given().auth().oauth2(TestCredentials.admin()).contentType("text/yaml; charset=UTF-8").body(document.toString())
                .put("/api/v1/plans/{id}", plan).then().statusCode(200);
    }

    static void post(KafkaCompanion kafka, String indicator, String region, String period, String value) throws Exception {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, indicator + "|" + region,
                observationEvent(indicator, region, period, value, "家", 1))).awaitCompletion();
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** {@code planwatch_targets} of one plan: "region status" → count. */
    static Map<String, Double> targetCounts(String metrics, String plan) {
        Map<String, Double> counts = new TreeMap<>();
        Matcher matcher = COUNT.matcher(metrics);
        while (matcher.find()) {
            if (matcher.group(1).equals(plan)) {
                counts.put(matcher.group(2) + " " + matcher.group(3), Double.parseDouble(matcher.group(4)));
            }
        }
        return counts;
    }

    /** The targets of {@code plan} that have planwatch_target_status series, as "indicator region". */
    static Set<String> targetsWithSeries(String metrics, String plan) {
        Set<String> targets = new TreeSet<>();
        Matcher matcher = TARGET_STATUS.matcher(metrics);
        while (matcher.find()) {
            if (matcher.group(2).equals(plan)) {
                targets.add(matcher.group(1) + " " + matcher.group(3));
            }
        }
        return targets;
    }

    /** Every exported line of a per-target series ({@code planwatch_target_*}) of {@code plan} in {@code region}. */
    static List<String> perTargetLines(String metrics, String plan, String region) {
        return metrics.lines().filter(line -> line.startsWith("planwatch_target_"))
                .filter(line -> line.contains("plan=\"" + plan + "\"") && line.contains("region=\"" + region + "\""))
                .collect(Collectors.toList());
    }
}
