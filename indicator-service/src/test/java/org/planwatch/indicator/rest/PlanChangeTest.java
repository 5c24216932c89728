package org.planwatch.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.planwatch.indicator.IndicatorServiceTestSupport.kafka;
import static org.planwatch.indicator.IndicatorServiceTestSupport.observationEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.platform.events.Topics;

/** Changing a plan keeps every version of its targets, and evaluations name the one they used. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class PlanChangeTest {

    private static final String ADMIN = TestCredentials.admin();

    private static String plan(String value, boolean withSecondTarget) {
        String second = withSecondTarget ? """
                  - id: zhanhua-test-plan.high_tech_enterprises-371603-2026
                    indicator: high_tech_enterprises
                    region: "371603"
                    comparator: ">="
                    value: 60
                    unit: 家
                    deadline: "2026"
                    trajectory: linear
                    quote: 高新技术企业达到60家
                """ : "";
        return """
                plan:
                  id: zhanhua-test-plan
                  title: 沾化区测试规划
                  issuer: 沾化区人民政府
                  issuedOn: "2024-03-01"
                  sourceFile: zhanhua-test.txt
                  region: "371603"
                  thresholds: {onTrack: 0.9, atRisk: 0.5}
                targets:
                  - id: zhanhua-test-plan.gdp-371603-2026
                    indicator: gdp
                    region: "371603"
                    comparator: ">="
                    value: %s
                    unit: 亿元
                    deadline: "2026"
                    trajectory: linear
                    baseline: {value: 150, period: "2023"}
                    leadDepartments: [沾化区发展改革局]
                    quote: 到2026年,地区生产总值达到%s亿元
                """.formatted(value, value) + second;
    }

    @Test
    void onlyAnAdministratorChangesAPlanOrImportsAText() {
        String document = plan("240", false).replace("zhanhua-test-plan", "zhanhua-guarded-plan");
        for (String token : List.of(TestCredentials.bureau("371603"), TestCredentials.office("371600"),
                TestCredentials.department("市科技局"))) {
            given().auth().oauth2(token).contentType("text/yaml; charset=UTF-8").body(document)
                    .put("/api/v1/plans/zhanhua-guarded-plan").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("it needs the role admin"));
            given().auth().oauth2(token).contentType("text/plain; charset=UTF-8").body("到2025年,高新技术企业达到100家")
                    .post("/api/v1/plans/import").then().statusCode(403);
        }
        given().contentType("text/yaml; charset=UTF-8").body(document).put("/api/v1/plans/zhanhua-guarded-plan").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestCredentials.expired("371603")).contentType("text/plain; charset=UTF-8").body("到2025年")
                .post("/api/v1/plans/import").then().statusCode(401).body("detail", org.hamcrest.Matchers.containsString("expired"));
        given().get("/api/v1/plans/zhanhua-guarded-plan").then().statusCode(404);
        given().get("/api/v1/plans").then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(document)
                .put("/api/v1/plans/zhanhua-guarded-plan").then().statusCode(200);
    }

    @Test
    void aChangedTargetGetsANewVersionAndEvaluationsNameTheirs() {
        String target = "zhanhua-test-plan.gdp-371603-2026";
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(plan("240", true)).put("/api/v1/plans/zhanhua-test-plan")
                .then().statusCode(200).body("created", hasItems(target, "zhanhua-test-plan.high_tech_enterprises-371603-2026"));
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(plan("240", true)).put("/api/v1/plans/zhanhua-test-plan")
                .then().statusCode(200).body("unchanged.size()", equalTo(2)).body("changed.size()", equalTo(0));

        observe("2024", "170");
        awaitEvaluations(target, 1);
        // r = (170 − 150)/(180 − 150) = 0.667: AT_RISK under the plan's own 0.9 / 0.5 thresholds
        given().get("/api/v1/targets/{id}/evaluations", target).then().body("[0].status", equalTo("AT_RISK"));
        given().get("/api/v1/plans/zhanhua-test-plan").then().body("onTrackThreshold", equalTo(0.9f));

        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(plan("210", false)).put("/api/v1/plans/zhanhua-test-plan")
                .then().statusCode(200).body("changed", contains(target))
                .body("retired", contains("zhanhua-test-plan.high_tech_enterprises-371603-2026"));
        observe("2025", "190");
        awaitEvaluations(target, 2);

        given().get("/api/v1/targets/{id}/evaluations", target).then().statusCode(200)
                .body("targetVersion", contains(2, 1));
        given().get("/api/v1/targets/{id}/versions", target).then().statusCode(200)
                .body("version", contains(1, 2)).body("definition.value", contains(240, 210));
        given().get("/api/v1/targets/{id}", target).then().statusCode(200)
                .body("version", equalTo(2)).body("targetValue", equalTo(210));
        given().get("/api/v1/targets/zhanhua-test-plan.high_tech_enterprises-371603-2026").then().statusCode(200)
                .body("retiredAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anInvalidPlanDocumentIsA400NamingEachFieldAndChangesNothing() {
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(plan("240", false).replace("atRisk: 0.5", "atRisk: 0.95"))
                .put("/api/v1/plans/zhanhua-test-plan").then().statusCode(400).body("violations.field", hasItem("plan.thresholds"));
        String bad = plan("240", false).replace("indicator: gdp", "indicator: no_such_indicator")
                .replace("deadline: \"2026\"", "deadline: \"2026-13\"");
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(bad).put("/api/v1/plans/zhanhua-test-plan").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("targets[0].indicator", "targets[0].deadline"));
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(plan("240", false).replace("trajectory: linear", "trajectory: linear\n    dealine: \"2027\""))
                .put("/api/v1/plans/zhanhua-test-plan").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("dealine"));
        given().auth().oauth2(ADMIN).contentType("application/json").body("{\"plan\":{\"id\":\"other\"},\"targets\":[]}")
                .put("/api/v1/plans/zhanhua-test-plan").then().statusCode(400).body("violations.field", hasItem("plan.id"));
        given().get("/api/v1/plans/no-plan-was-created").then().statusCode(404);
    }

    @jakarta.inject.Inject
    org.planwatch.indicator.service.DeadlineSweep sweep;

    @Test
    void aPassedDeadlineWithoutAFinalFigureIsJudgedMissedOnceAndPublished() {
        String document = plan("240", false).replace("zhanhua-test-plan", "zhanhua-past-plan")
                .replace("deadline: \"2026\"", "deadline: \"2024\"").replace("baseline: {value: 150, period: \"2023\"}",
                        "baseline: {value: 150, period: \"2022\"}");
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(document).put("/api/v1/plans/zhanhua-past-plan")
                .then().statusCode(200);
        String target = "zhanhua-past-plan.gdp-371603-2026";
        var evaluations = kafka().consumeStrings().fromTopics(Topics.EVALUATIONS);

        assertThat(sweep.sweep("zhanhua-past-plan")).isEqualTo(1);
        assertThat(sweep.sweep("zhanhua-past-plan")).as("already missed").isZero();

        given().get("/api/v1/targets/{id}/evaluations", target).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("MISSED")).body("[0].period", equalTo("2024"))
                .body("[0].explanation", org.hamcrest.Matchers.containsString("no figure was reported"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> evaluations.getRecords().stream()
                .anyMatch(r -> target.equals(r.key()) && r.value().contains("\"MISSED\"")));
        evaluations.stop();
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void whileAnotherReplicaSweepsThisOneLeavesTheTargetsAlone() throws Exception {
        String document = plan("240", false).replace("zhanhua-test-plan", "zhanhua-locked-plan")
                .replace("deadline: \"2026\"", "deadline: \"2023\"").replace("baseline: {value: 150, period: \"2023\"}",
                        "baseline: {value: 150, period: \"2021\"}");
        given().auth().oauth2(ADMIN).contentType("text/yaml; charset=UTF-8").body(document).put("/api/v1/plans/zhanhua-locked-plan")
                .then().statusCode(200);
        // Another replica's sweep holds the lock (a session of its own on the same database).
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, org.planwatch.indicator.service.DeadlineSweep.SWEEP_LOCK);
                lock.execute();
            }
            assertThat(sweep.sweep("zhanhua-locked-plan")).as("the other replica is sweeping").isZero();
            other.rollback();
        }
        assertThat(sweep.sweep("zhanhua-locked-plan")).isEqualTo(1);
        given().get("/api/v1/targets/{id}/evaluations", "zhanhua-locked-plan.gdp-371603-2026").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].status", equalTo("MISSED"));
    }

    private static void observe(String period, String value) {
        kafka().produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, "gdp|371603",
                event(period, value))).awaitCompletion();
    }

    private static String event(String period, String value) {
        try {
            return observationEvent("gdp", "371603", period, value, "亿元", 1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitEvaluations(String target, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Object> evaluations = given().get("/api/v1/targets/{id}/evaluations", target).jsonPath().getList("$");
            assertThat(evaluations).hasSize(count);
        });
    }
}
