package org.planwatch.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.planwatch.indicator.IndicatorServiceTestSupport.JSON;
import static org.planwatch.indicator.IndicatorServiceTestSupport.kafka;
import static org.planwatch.indicator.IndicatorServiceTestSupport.observationEvent;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.Topics;

/** Observation in on a real broker → evaluation stored, published, explained and measured. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class EvaluationFlowTest {

    static final String WEIHAI_HIGH_TECH = "weihai-innovative-city-2023.high_tech_enterprises-2024";

    @Test
    void aLaggingFigureIsEvaluatedPublishedAndMeasured() throws Exception {
        KafkaCompanion kafka = kafka();
        var evaluations = kafka.consumeStrings().fromTopics(Topics.EVALUATIONS);

        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, "high_tech_enterprises|371000",
                observationEvent("high_tech_enterprises", "371000", "2023", "1400", "家", 1))).awaitCompletion();

        JsonNode event = awaitEvaluation(evaluations, WEIHAI_HIGH_TECH, "2023", 1);
        assertThat(event.path("type").asText()).isEqualTo(Topics.EVALUATION_TYPE);
        JsonNode data = event.path("data");
        assertThat(data.path("status").asText()).isEqualTo("LAGGING");
        assertThat(data.path("statusZh").asText()).isEqualTo("滞后");
        assertThat(data.path("expected").decimalValue()).isEqualByComparingTo("1488");
        assertThat(data.path("progressRatio").asDouble()).isBetween(0.21428, 0.21429);
        assertThat(data.path("source").path("quote").asText()).isEqualTo("到2024年国家高新技术企业达到1600家,国家科技型中小企业达到2500家");
        assertThat(data.path("leadDepartments").toString()).contains("市发展改革委");
        evaluations.stop();

        given().get("/api/v1/targets/{id}/evaluations", WEIHAI_HIGH_TECH).then().statusCode(200)
                .body("find { it.period == '2023' }.status", org.hamcrest.Matchers.equalTo("LAGGING"))
                .body("find { it.period == '2023' }.explanation", org.hamcrest.Matchers.containsString("E = B + (V − B)·τ"));
        // The gauges follow the database within a second of the commit.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("planwatch_target_status\\{[^}]*indicator=\"high_tech_enterprises\"[^}]*region=\"371000\"[^}]*status=\"LAGGING\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("planwatch_target_expected\\{[^}]*indicator=\"high_tech_enterprises\"[^}]*region=\"371000\"[^}]*} 1488\\.0");
            assertThat(metrics).containsPattern("planwatch_target_info\\{department=\"市发展改革委\",indicator=\"high_tech_enterprises\"[^}]*region=\"371000\"[^}]*} 1\\.0");
        });
    }

    @Test
    void theGaugesCountHowManyPeriodsInARowEndedInTheCurrentStatus() throws Exception {
        KafkaCompanion kafka = kafka();
        // Weihai's tech SMEs: 2325 at the end of 2022, 2500 by the end of 2024 (linear).
        String key = "tech_smes|371000";
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, key,
                observationEvent("tech_smes", "371000", "2023-06", "2340", "家", 1))).awaitCompletion();
        awaitTechSmes("LAGGING", 1);
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, key,
                observationEvent("tech_smes", "371000", "2023-09", "2345", "家", 1))).awaitCompletion();
        awaitTechSmes("LAGGING", 2);
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, key,
                observationEvent("tech_smes", "371000", "2023-10", "2400", "家", 1))).awaitCompletion();
        awaitTechSmes("ON_TRACK", 1);
    }

    private static void awaitTechSmes(String status, int periods) {
        org.awaitility.Awaitility.await(status + " for " + periods + " period(s)").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("planwatch_target_status\\{indicator=\"tech_smes\"[^}]*region=\"371000\",status=\""
                    + status + "\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("planwatch_target_status_periods\\{indicator=\"tech_smes\"[^}]*region=\"371000\"[^}]*} "
                    + periods + "\\.0");
        });
    }

    @Test
    void aRevisionIsEvaluatedAgainAndHistoryKeepsBoth() throws Exception {
        KafkaCompanion kafka = kafka();
        var evaluations = kafka.consumeStrings().fromTopics(Topics.EVALUATIONS);
        String key = "high_tech_enterprises|371000";
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.OBSERVATIONS, key, observationEvent("high_tech_enterprises", "371000", "2024-06", "1450", "家", 1)),
                new ProducerRecord<>(Topics.OBSERVATIONS, key, observationEvent("high_tech_enterprises", "371000", "2024-06", "1590", "家", 2)))
                .awaitCompletion();

        assertThat(awaitEvaluation(evaluations, WEIHAI_HIGH_TECH, "2024-06", 2).path("data").path("status").asText())
                .isEqualTo("ON_TRACK");
        evaluations.stop();

        List<Integer> revisions = given().get("/api/v1/targets/{id}/evaluations", WEIHAI_HIGH_TECH).then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.period == '2024-06' }.observationRevision", Integer.class);
        assertThat(revisions).as("newest first").containsExactly(2, 1);
    }

    @Test
    void aLateFigureOfAnEarlierPeriodIsEvaluatedButTheNewestPeriodStaysTheTargetsLatest() throws Exception {
        KafkaCompanion kafka = kafka();
        var evaluations = kafka.consumeStrings().fromTopics(Topics.EVALUATIONS);
        // Weihai's incubated enterprises: 1512 at the end of 2022, over 1600 by the end of 2024 (linear).
        String target = "weihai-innovative-city-2023.incubated_enterprises-2024";
        String key = "incubated_enterprises|371000";
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, key,
                observationEvent("incubated_enterprises", "371000", "2023", "1560", "家", 1))).awaitCompletion();
        assertThat(awaitEvaluation(evaluations, target, "2023", 1).path("data").path("status").asText()).isEqualTo("ON_TRACK");
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, key,
                observationEvent("incubated_enterprises", "371000", "2023-06", "1400", "家", 1))).awaitCompletion();
        String lateStatus = awaitEvaluation(evaluations, target, "2023-06", 1).path("data").path("status").asText();
        evaluations.stop();
        assertThat(lateStatus).as("the late figure is judged on its own").isNotEqualTo("ON_TRACK");

        given().get("/api/v1/targets/{id}", target).then().statusCode(200)
                .body("latestEvaluation.period", org.hamcrest.Matchers.equalTo("2023"))
                .body("latestEvaluation.status", org.hamcrest.Matchers.equalTo("ON_TRACK"));
        given().get("/api/v1/targets?region=371000&indicator=incubated_enterprises").then().statusCode(200)
                .body("[0].latestEvaluation.period", org.hamcrest.Matchers.equalTo("2023"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString()).containsPattern(
                        "planwatch_target_status\\{indicator=\"incubated_enterprises\"[^}]*region=\"371000\",status=\"ON_TRACK\"[^}]*} 1\\.0"));
    }

    @Test
    void aFigureInAnotherUnitOfTheSameDimensionIsConvertedAndExplained() throws Exception {
        KafkaCompanion kafka = kafka();
        var evaluations = kafka.consumeStrings().fromTopics(Topics.EVALUATIONS);
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, "gdp|371681",
                observationEvent("gdp", "371681", "2023", "7000000", "万元", 1))).awaitCompletion();

        JsonNode data = awaitEvaluation(evaluations, "binzhou-county-economy-2024.gdp-371681-2025", "2023", 1).path("data");
        evaluations.stop();
        assertThat(data.path("actual").decimalValue()).isEqualByComparingTo("700");
        assertThat(data.path("status").asText()).isEqualTo("NO_BASELINE");

        given().get("/api/v1/targets/{id}/explain?period=2023", "binzhou-county-economy-2024.gdp-371681-2025")
                .then().statusCode(200)
                .body("observationRevision", org.hamcrest.Matchers.equalTo(1))
                .body("targetVersion", org.hamcrest.Matchers.equalTo(1))
                .body("terms.A", org.hamcrest.Matchers.equalTo(700.0f))
                .body("source.quote", org.hamcrest.Matchers.containsString("800亿元"));
        given().get("/api/v1/targets/{id}/explain?period=2023-13", "binzhou-county-economy-2024.gdp-371681-2025")
                .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.equalTo("period"));
        given().get("/api/v1/progress?region=371681").then().statusCode(200)
                .body("byStatus.NO_BASELINE", org.hamcrest.Matchers.equalTo(1))
                .body("worst[0].targetId", org.hamcrest.Matchers.equalTo("binzhou-county-economy-2024.gdp-371681-2025"))
                .body("worst[0].statusZh", org.hamcrest.Matchers.equalTo("无基期"))
                .body("worst[1].status", org.hamcrest.Matchers.equalTo("NOT_REPORTED"));
        given().get("/api/v1/progress?plan=weihai-innovative-city-2023&limit=3").then().statusCode(200)
                .body("worst.size()", org.hamcrest.Matchers.equalTo(3))
                .body("byStatus.NOT_REPORTED", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void theWholeCatalogsProgressCountsEveryLiveTargetOnceAndListsTheWorstFirst() {
        List<String> liveTargets = given().get("/api/v1/targets").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.retiredAt == null }.id", String.class);
        var progress = given().get("/api/v1/progress?limit=50").then().statusCode(200).extract().jsonPath();

        assertThat(progress.getInt("targets")).isEqualTo(liveTargets.size());
        java.util.Map<String, Integer> byStatus = progress.getMap("byStatus", String.class, Integer.class);
        assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(liveTargets.size());
        List<String> severity = List.of("REGRESSING", "MISSED", "BREACHED", "LAGGING", "AT_RISK", "NO_BASELINE",
                "NOT_REPORTED", "NOT_JUDGED", "ON_TRACK", "ACHIEVED");
        assertThat(byStatus).as("every status, 0 when none").containsOnlyKeys(severity);
        List<String> worstStatuses = progress.getList("worst.status", String.class);
        assertThat(worstStatuses).hasSize(Math.min(50, liveTargets.size()));
        assertThat(worstStatuses.stream().map(severity::indexOf).toList()).isSorted().doesNotContain(-1);
        assertThat(progress.getList("worst.targetId", String.class)).doesNotHaveDuplicates().isSubsetOf(liveTargets);
        assertThat(progress.getList("worst.indicatorNameZh", String.class)).doesNotContainNull();
        assertThat(progress.getList("worst.regionNameZh", String.class)).doesNotContainNull();
        given().get("/api/v1/progress?limit=0").then().statusCode(200).body("worst.size()", org.hamcrest.Matchers.equalTo(0))
                .body("targets", org.hamcrest.Matchers.equalTo(liveTargets.size()));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndConsumptionContinues() throws Exception {
        KafkaCompanion kafka = kafka();
        var deadLetters = kafka.consumeStrings().fromTopics(Topics.deadLetter(Topics.OBSERVATIONS));
        var evaluations = kafka.consumeStrings().fromTopics(Topics.EVALUATIONS);

        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.OBSERVATIONS, "poison", "{not json"),
                new ProducerRecord<>(Topics.OBSERVATIONS, "rd_intensity|370900",
                        observationEvent("rd_intensity", "370900", "2025", "2.9", "%", 1)))
                .awaitCompletion();

        awaitDeadLetter(deadLetters, "{not json");
        JsonNode event = awaitEvaluation(evaluations, "taian-sci-tech-industry-draft.rd_intensity-2026", "2025", 1);
        assertThat(event.path("data").path("status").asText()).isEqualTo("ACHIEVED");
        deadLetters.stop();
        evaluations.stop();
    }

    @Test
    void aFigureThatFailsInsideABatchGoesToTheDeadLetterTopicAloneAndTheOthersAreEvaluated() throws Exception {
        KafkaCompanion kafka = kafka();
        var deadLetters = kafka.consumeStrings().fromTopics(Topics.deadLetter(Topics.OBSERVATIONS));
        var evaluations = kafka.consumeStrings().fromTopics(Topics.EVALUATIONS);
        String unusable = observationEvent("rd_intensity", "370900", "2025-13", "2.7", "%", 1);

        // Sent together, so they arrive in one poll: the readable-but-unusable figure (month 13) fails the batch.
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.OBSERVATIONS, "rd_intensity|370900", unusable),
                new ProducerRecord<>(Topics.OBSERVATIONS, "rd_intensity|370900",
                        observationEvent("rd_intensity", "370900", "2024", "2.6", "%", 1)))
                .awaitCompletion();

        awaitDeadLetter(deadLetters, unusable);
        JsonNode event = awaitEvaluation(evaluations, "taian-sci-tech-industry-draft.rd_intensity-2026", "2024", 1);
        assertThat(event.path("data").path("actual").decimalValue()).isEqualByComparingTo("2.6");
        deadLetters.stop();
        evaluations.stop();
    }

    /** The topic keeps earlier tests' dead letters: wait for this one. */
    private static void awaitDeadLetter(
            io.smallrye.reactive.messaging.kafka.companion.ConsumerTask<String, String> deadLetters, String value) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetters.getRecords().stream().anyMatch(r -> value.equals(r.value())));
    }

    @Test
    void aRedeliveredEventIsEvaluatedOnce() throws Exception {
        KafkaCompanion kafka = kafka();
        String event = observationEvent("high_tech_enterprises", "371000", "2024-03", "1500", "家", 1);
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.OBSERVATIONS, "high_tech_enterprises|371000", event),
                new ProducerRecord<>(Topics.OBSERVATIONS, "high_tech_enterprises|371000", event)).awaitCompletion();
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, "high_tech_enterprises|371000",
                observationEvent("high_tech_enterprises", "371000", "2024-04", "1510", "家", 1))).awaitCompletion();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given()
                .get("/api/v1/targets/{id}/evaluations", WEIHAI_HIGH_TECH).jsonPath()
                .getList("findAll { it.period == '2024-04' }").size() == 1);
        assertThat(given().get("/api/v1/targets/{id}/evaluations", WEIHAI_HIGH_TECH).jsonPath()
                .getList("findAll { it.period == '2024-03' }")).hasSize(1);
    }

    static JsonNode awaitEvaluation(io.smallrye.reactive.messaging.kafka.companion.ConsumerTask<String, String> task, String targetId,
            String period, int revision) {
        return org.awaitility.Awaitility.await("an evaluation of " + targetId + " for " + period + " revision " + revision)
                .atMost(Duration.ofSeconds(30))
                .until(() -> task.getRecords().stream()
                        .filter(record -> targetId.equals(record.key()))
                        .map(record -> read(record.value()))
                        .filter(event -> period.equals(event.path("data").path("period").asText())
                                && event.path("data").path("observationRevision").asInt() == revision)
                        .findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("evaluation event is not JSON: " + value, e);
        }
    }

}
