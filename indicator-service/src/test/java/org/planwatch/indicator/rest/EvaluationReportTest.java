package org.planwatch.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.planwatch.indicator.IndicatorServiceTestSupport.kafka;
import static org.planwatch.indicator.IndicatorServiceTestSupport.observationEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.Topics;

/** The evaluation report of a plan as of a moment: the figures known then, not a later revision. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class EvaluationReportTest {

    // Weihai: 27 national innovation platforms at the end of 2022, 30 by the end of 2024 (linear), lead 市委组织部.
    static final String PLAN = "weihai-innovative-city-2023";
    static final String PLATFORMS = PLAN + ".national_innovation_platforms-2024";

    @Test
    void theReportAsOfAMomentShowsTheFigureKnownThenAndNowTheRevision() throws Exception {
        String key = "national_innovation_platforms|371000";
        kafka().produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, key,
                observationEvent("national_innovation_platforms", "371000", "2023", "28", "家", 1))).awaitCompletion();
        Map<String, Object> first = awaitEvaluation(1);
        Instant firstKnown = OffsetDateTime.parse((String) first.get("evaluatedAt")).toInstant();

        kafka().produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, key,
                observationEvent("national_innovation_platforms", "371000", "2023", "29", "家", 2))).awaitCompletion();
        Map<String, Object> revised = awaitEvaluation(2);

        // As of the first evaluation: 28 of the way 27 → 30 is 33.3%, at half of 2022 → 2024 (序时进度 50.0%).
        Map<String, Object> then = row(report(firstKnown.toString()), "市委组织部");
        assertThat(then).containsEntry("period", "2023").containsEntry("observationRevision", 1)
                .containsEntry("status", first.get("status")).containsEntry("statusZh", first.get("statusZh"))
                .containsEntry("deadline", "2024").containsEntry("baselinePeriod", "2022");
        assertThat(then.get("actual").toString()).isEqualTo("28");
        assertThat(then.get("baseline").toString()).isEqualTo("27");
        assertThat(then.get("targetValue").toString()).isEqualTo("30");
        assertThat(then.get("expected").toString()).isEqualTo("28.5");
        assertThat(then.get("gap").toString()).isEqualTo("-0.5");
        assertThat(then.get("completionProgress").toString()).isEqualTo("33.3");
        assertThat(then.get("timeProgress").toString()).isEqualTo("50.0");

        // Now: the revision.
        Map<String, Object> now = row(report(null), "市委组织部");
        assertThat(now).containsEntry("observationRevision", 2).containsEntry("status", revised.get("status"));
        assertThat(now.get("actual").toString()).isEqualTo("29");
        assertThat(now.get("completionProgress").toString()).isEqualTo("66.7");
        assertThat(now.get("gap").toString()).isEqualTo("0.5");

        // Just before the first figure arrived nothing was known; nor at the end of 2024, Beijing time.
        assertThat(row(report(firstKnown.minusNanos(1000).toString()), "市委组织部"))
                .containsEntry("status", "NOT_REPORTED").containsEntry("statusZh", "未报送").containsEntry("actual", null);
        JsonPath endOf2024 = given().queryParam("asOf", "2024-12-31").get("/api/v1/plans/{id}/report", PLAN)
                .then().statusCode(200).extract().jsonPath();
        assertThat(endOf2024.getString("asOf")).isEqualTo("2024-12-31T23:59:59.999999+08:00");
        assertThat(row(endOf2024, "市委组织部")).containsEntry("status", "NOT_REPORTED");
    }

    @Test
    void theReportGroupsEveryTargetOfThePlanByLeadDepartmentAndCountsThem() {
        JsonPath report = report(null);
        assertThat(report.getString("plan.id")).isEqualTo(PLAN);
        int targets = report.getInt("targets");
        assertThat(targets).isPositive();
        Map<String, Integer> byStatus = report.getMap("byStatus");
        assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(targets);
        List<String> departments = report.getList("departments.department");
        assertThat(departments).contains("市委组织部").doesNotHaveDuplicates();
        List<String> everyRow = report.getList("departments.rows.flatten().targetId");
        assertThat(everyRow).contains(PLATFORMS);
        assertThat(new java.util.HashSet<>(everyRow)).hasSize(targets);
    }

    @Test
    void aBadAsOfIsAProblemNamingTheFieldAndAnUnknownPlanIsNotFound() {
        given().queryParam("asOf", "2024-13-01").get("/api/v1/plans/{id}/report", PLAN).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("asOf"));
        given().queryParam("asOf", "yesterday").get("/api/v1/plans/{id}/report", PLAN).then().statusCode(400)
                .body("violations.field", hasItem("asOf"));
        given().get("/api/v1/plans/{id}/report", "no-such-plan").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static JsonPath report(String asOf) {
        var request = given();
        if (asOf != null) {
            request.queryParam("asOf", asOf);
        }
        return request.get("/api/v1/plans/{id}/report", PLAN).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> row(JsonPath report, String department) {
        return report.getMap("departments.find { it.department == '" + department + "' }.rows.find { it.targetId == '"
                + PLATFORMS + "' }");
    }

    private static Map<String, Object> awaitEvaluation(int revision) {
        return Awaitility.await("revision " + revision + " evaluated").atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/targets/{id}/evaluations", PLATFORMS).then().statusCode(200).extract().jsonPath()
                        .<String, Object>getMap("find { it.period == '2023' && it.observationRevision == " + revision + " }"),
                java.util.Objects::nonNull);
    }
}
