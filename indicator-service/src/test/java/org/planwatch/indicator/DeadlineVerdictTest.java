package org.planwatch.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.planwatch.indicator.IndicatorServiceTestSupport.JSON;
import static org.planwatch.indicator.IndicatorServiceTestSupport.kafka;
import static org.planwatch.indicator.IndicatorServiceTestSupport.observationEvent;
import static org.planwatch.indicator.IndicatorServiceTestSupport.randomId;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.indicator.domain.Evaluation;
import org.planwatch.indicator.service.DeadlineSweep;
import org.planwatch.indicator.service.EvaluationService;
import org.planwatch.platform.events.ObservationData;
import org.planwatch.platform.events.Topics;

/**
 * The verdict on a passed deadline: the sweep's MISSED stands until a figure shows the target reached on or before the
 * deadline — a late figure for an earlier period (when no newer figure was judged) or for the deadline period itself —
 * and then an ACHIEVED evaluation of the deadline period is the target's latest, stored and published.
 */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class DeadlineVerdictTest {

    private static final String PLAN = "boxing-late-figures";
    /** 60 enterprises by 2023 from 40 in 2020, in 博兴县 (no catalog target watches this series). */
    private static final String TARGET = PLAN + ".high_tech_enterprises-371625-2023";

    /** The judgement lock's key, as the sweep and the evaluation of figures take it. */
    private static final long JUDGEMENT_LOCK = 0x6a756467656d6e74L;

    @Inject
    DeadlineSweep sweep;

    @Inject
    EvaluationService evaluationService;

    @Inject
    UserTransaction transaction;

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> evaluations;

    @BeforeEach
    void listen() {
        kafka = kafka();
        evaluations = kafka.consumeStrings().fromTopics(Topics.EVALUATIONS);
    }

    @AfterEach
    void stopListening() {
        evaluations.stop();
        kafka.close();
    }

    @Test
    void aLateFigureForAnEarlierYearThatMeetsTheTargetSupersedesTheSweepsMissed() throws Exception {
        putPlan(PLAN, "371625");
        post("371625", "2021", "42");
        awaitEvaluations(TARGET, 1);
        assertThat(sweep.sweep(PLAN)).isEqualTo(1);
        assertThat(latest(TARGET).getString("status")).isEqualTo("MISSED");

        // 2022's figure arrives after the sweep and already meets the level target.
        post("371625", "2022", "63");
        awaitEvaluations(TARGET, 4);
        JsonPath history = given().get("/api/v1/targets/{id}/evaluations", TARGET).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("status")).containsExactly("ACHIEVED", "MISSED", "ACHIEVED", "LAGGING");
        assertThat(history.getList("period")).containsExactly("2023", "2023", "2022", "2021");
        long missedId = history.getLong("[1].id");
        assertThat(history.getString("[0].observationId")).isEqualTo("high_tech_enterprises|371625|2022");
        assertThat(history.getString("[0].explanation")).contains("supersedes MISSED").contains("evaluation " + missedId);
        assertThat(latest(TARGET).getString("status")).isEqualTo("ACHIEVED");
        assertThat(latest(TARGET).getString("period")).isEqualTo("2023");

        JsonNode published = awaitPublished(TARGET, "2023", "ACHIEVED");
        assertThat(published.path("data").path("actual").decimalValue()).isEqualByComparingTo("63");
        assertThat(published.path("data").path("evaluationId").asLong()).isGreaterThan(missedId);
        assertThat(sweep.sweep(PLAN)).as("achieved: nothing more to judge").isZero();
    }

    @Test
    void aLateOlderFigureLeavesTheMissedToTheNewerFigureAndALateDeadlineFigureDecides() throws Exception {
        String plan = PLAN + "-2";
        String target = plan + ".high_tech_enterprises-371621-2023";
        putPlan(plan, "371621");
        post("371621", "2022", "44");
        awaitEvaluations(target, 1);
        assertThat(sweep.sweep(plan)).isEqualTo(1);

        // 2021 met the level, but 2022 — judged already, the figure the MISSED rests on — fell short: MISSED stands,
        // as it would have had 2021 arrived on time.
        post("371621", "2021", "61");
        awaitEvaluations(target, 3);
        assertThat(given().get("/api/v1/targets/{id}/evaluations", target).jsonPath().getList("status"))
                .containsExactly("MISSED", "LAGGING", "ACHIEVED");
        assertThat(latest(target).getString("status")).isEqualTo("MISSED");

        // The deadline year's own figure, late, reaches the target: its evaluation is the newest of the deadline period.
        post("371621", "2023", "62");
        awaitEvaluations(target, 4);
        assertThat(latest(target).getString("status")).isEqualTo("ACHIEVED");
        assertThat(latest(target).getString("observationId")).isEqualTo("high_tech_enterprises|371621|2023");
        awaitPublished(target, "2023", "ACHIEVED");
    }

    @Test
    void theSweepJudgesEveryDueTargetPageByPageAndOnlyOnce() throws Exception {
        String plan = PLAN + "-pages";
        // Sorted by id: 370902 and 371002 never report, 370911's deadline is 2099, 371003 reaches the target in
        // its deadline year, 371082 lags, 371622 reached it in 2022 and its deadline year's figure is in a unit that
        // cannot be judged (its latest is NOT_JUDGED, its latest judged ACHIEVED); regions no other test posts for.
        // The test profile sweeps two targets a page.
        List<String> regions = List.of("370902", "370911", "371002", "371003", "371082", "371622");
        StringBuilder targets = new StringBuilder();
        regions.forEach(region -> targets.append(target(plan, region, region.equals("370911") ? "2099" : "2023")));
        given().auth().oauth2(TestCredentials.admin()).contentType("text/yaml; charset=UTF-8")
                .body(planDocument(plan, "370000", "测试省人民政府") + targets).put("/api/v1/plans/{id}", plan)
                .then().statusCode(200);
        post("371003", "2023", "61");
        post("371082", "2021", "42");
        post("371622", "2022", "63");
        post("371622", "2023", "12.5", "%");
        awaitEvaluations(plan + ".high_tech_enterprises-371003-2023", 1);
        awaitEvaluations(plan + ".high_tech_enterprises-371082-2023", 1);
        awaitEvaluations(plan + ".high_tech_enterprises-371622-2023", 2);
        assertThat(latest(plan + ".high_tech_enterprises-371622-2023").getString("status")).isEqualTo("NOT_JUDGED");

        assertThat(sweep.sweep(plan)).isEqualTo(3);
        assertThat(latest(plan + ".high_tech_enterprises-370902-2023").getString("status")).isEqualTo("MISSED");
        assertThat(latest(plan + ".high_tech_enterprises-371002-2023").getString("explanation"))
                .contains("no figure was reported");
        assertThat(latest(plan + ".high_tech_enterprises-371003-2023").getString("status")).isEqualTo("ACHIEVED");
        assertThat(latest(plan + ".high_tech_enterprises-371082-2023").getString("status")).isEqualTo("MISSED");
        assertThat(given().get("/api/v1/targets/{id}/evaluations", plan + ".high_tech_enterprises-370911-2023")
                .jsonPath().getList("$")).as("a deadline still ahead").isEmpty();
        assertThat(given().get("/api/v1/targets/{id}/evaluations", plan + ".high_tech_enterprises-371622-2023")
                .jsonPath().getList("status")).as("achieved in 2022: no MISSED").containsExactly("NOT_JUDGED", "ACHIEVED");
        assertThat(sweep.sweep(plan)).as("every due target judged: nothing more").isZero();
    }

    @Test
    void aFigureBeingEvaluatedWhenTheSweepReachesItsTargetIsWhatTheSweepJudges() throws Exception {
        String plan = PLAN + "-in-flight";
        String target = plan + ".high_tech_enterprises-371623-2023";
        putPlan(plan, "371623");
        // The deadline year's figure, meeting the target, is being evaluated in a transaction not yet committed.
        ObservationData figure = new ObservationData("high_tech_enterprises|371623|2023", "high_tech_enterprises", "371623",
                "2023", new BigDecimal("61"), "家", "level", 1, "test", OffsetDateTime.now(ZoneOffset.UTC), "bureau-371623");
        transaction.begin();
        CompletableFuture<Integer> swept;
        try {
            assertThat(evaluationService.evaluateAll(List.of(new EvaluationService.Delivery(randomId(), figure))))
                    .isEqualTo(1);
            swept = CompletableFuture.supplyAsync(() -> sweep.sweep(plan));
            Awaitility.await("the sweep waits for the evaluation in flight").atMost(Duration.ofSeconds(20)).pollInSameThread()
                    .until(() -> ((Number) Evaluation.getEntityManager().createNativeQuery("""
                            select count(*) from pg_locks where locktype = 'advisory' and not granted
                              and (classid::bigint << 32 | objid::bigint) = ?1""").setParameter(1, JUDGEMENT_LOCK)
                            .getSingleResult()).longValue() > 0);
            assertThat(swept).isNotDone();
        } finally {
            transaction.commit();
        }
        assertThat(swept.get(30, TimeUnit.SECONDS)).as("the committed ACHIEVED is the verdict: nothing to judge").isZero();
        assertThat(given().get("/api/v1/targets/{id}/evaluations", target).jsonPath().getList("status"))
                .containsExactly("ACHIEVED");
        assertThat(latest(target).getString("status")).isEqualTo("ACHIEVED");
    }

    private static void putPlan(String plan, String region) {
        given().auth().oauth2(TestCredentials.admin()).contentType("text/yaml; charset=UTF-8")
                .body(planDocument(plan, region, "测试县人民政府") + target(plan, region, "2023"))
                .put("/api/v1/plans/{id}", plan).then().statusCode(200);
    }

    /** A plan document up to its {@code targets:} key. */
    private static String planDocument(String plan, String region, String issuer) {
        return """
                plan:
                  id: %1$s
                  title: 高新技术企业培育测试规划
                  issuer: %3$s
                  issuedOn: "2020-03-01"
                  sourceFile: %1$s.txt
                  region: "%2$s"
                  thresholds: {onTrack: 0.9, atRisk: 0.5}
                targets:
                """.formatted(plan, region, issuer);
    }

    /** One target entry: 40 enterprises in 2020, at least 60 by {@code deadline}. */
    private static String target(String plan, String region, String deadline) {
        return """
                  - id: %1$s.high_tech_enterprises-%2$s-2023
                    indicator: high_tech_enterprises
                    region: "%2$s"
                    comparator: ">="
                    value: 60
                    unit: 家
                    deadline: "%3$s"
                    trajectory: linear
                    baseline: {value: 40, period: "2020"}
                    leadDepartments: [县科技局]
                    quote: 到2023年,高新技术企业达到60家
                """.formatted(plan, region, deadline);
    }

    private void post(String region, String period, String value) throws Exception {
        post(region, period, value, "家");
    }

    private void post(String region, String period, String value, String unit) throws Exception {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, "high_tech_enterprises|" + region,
                observationEvent("high_tech_enterprises", region, period, value, unit, 1))).awaitCompletion();
    }

    private static JsonPath latest(String target) {
        return given().get("/api/v1/targets/{id}", target).then().statusCode(200).body("id", equalTo(target))
                .extract().jsonPath().setRootPath("latestEvaluation");
    }

    private static void awaitEvaluations(String target, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                given().get("/api/v1/targets/{id}/evaluations", target).jsonPath().getList("$")).hasSize(count));
    }

    private JsonNode awaitPublished(String target, String period, String status) {
        return Awaitility.await("a published " + status + " evaluation of " + target + " for " + period)
                .atMost(Duration.ofSeconds(30)).until(() -> List.copyOf(evaluations.getRecords()).stream()
                        .filter(r -> target.equals(r.key())).map(r -> {
                            try {
                                return JSON.readTree(r.value());
                            } catch (Exception e) {
                                throw new AssertionError(e);
                            }
                        })
                        .filter(e -> period.equals(e.path("data").path("period").asText())
                                && status.equals(e.path("data").path("status").asText()))
                        .reduce((a, b) -> b), java.util.Optional::isPresent).orElseThrow();
    }
}
