package org.planwatch.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.planwatch.indicator.IndicatorServiceTestSupport.kafka;
import static org.planwatch.indicator.IndicatorServiceTestSupport.observationEvent;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.indicator.service.ProgressCache;
import org.planwatch.platform.events.Topics;

/**
 * A progress view is answered from the cache until an evaluation or a plan change commits, and then shows it at once:
 * a supervision office never reads a count older than what indicator-service has stored.
 */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class ProgressCacheTest {

    /** 乳山市, which no other plan or test uses. */
    private static final String REGION = "371083";
    private static final String PLAN = "rushan-progress-cache";

    @CacheName("progress")
    Cache cache;

    @Test
    void aKeptAnswerIsDroppedByTheNextEvaluationAndByAPlanChange() throws Exception {
        putPlan("60");
        ProgressCache.Query asked = new ProgressCache.Query(null, REGION, 10);
        // Every evaluation committed in this application clears the cache, also one of another test's figures
        // arriving late: each read and what it should have kept are checked together, retried if one intervened.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/v1/progress?region={region}", REGION).then().statusCode(200)
                    .body("targets", equalTo(1)).body("byStatus.NOT_REPORTED", equalTo(1));
            assertThat(cache.as(CaffeineCache.class).keySet()).as("the answer is kept").contains(asked);
            double hitsBefore = progressHits();
            given().get("/api/v1/progress?region={region}", REGION).then().statusCode(200)
                    .body("byStatus.NOT_REPORTED", equalTo(1));
            assertThat(progressHits()).as("the second read is a cache hit").isEqualTo(hitsBefore + 1);
        });

        try (KafkaCompanion kafka = kafka()) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.OBSERVATIONS, "high_tech_enterprises|" + REGION,
                    observationEvent("high_tech_enterprises", REGION, "2021", "42", "家", 1))).awaitCompletion();
        }
        // The evaluation's commit drops the kept answer: the next read counts it (a 2021 figure of 42 lags the path
        // from 40 in 2020 to 60 by 2023).
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/v1/progress?region={region}", REGION).then().statusCode(200)
                .body("byStatus.NOT_REPORTED", equalTo(0)).body("worst[0].status", equalTo("LAGGING")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/v1/progress?region={region}", REGION).then().statusCode(200);
            assertThat(cache.as(CaffeineCache.class).keySet()).contains(asked);
        });

        putPlan("41");
        assertThat(cache.as(CaffeineCache.class).keySet()).as("a plan change drops every kept answer").doesNotContain(asked);
        given().get("/api/v1/progress?region={region}", REGION).then().statusCode(200)
                .body("targets", equalTo(1)).body("worst[0].targetValue", equalTo(41));
    }

    /** cache_gets_total{cache="progress",result="hit"} as /q/metrics shows it. */
    private static double progressHits() {
        java.util.regex.Matcher hits = java.util.regex.Pattern
                .compile("(?m)^cache_gets_total\\{cache=\"progress\",result=\"hit\"[^}]*} ([0-9.E+-]+)$")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertThat(hits.find()).as("cache_gets_total of the progress cache's hits is exported").isTrue();
        return Double.parseDouble(hits.group(1));
    }

    private static void putPlan(String targetValue) {
        String document = """
                plan:
                  id: %1$s
                  title: 高新技术企业培育测试规划
                  issuer: 乳山市人民政府
                  issuedOn: "2020-03-01"
                  sourceFile: %1$s.txt
                  region: "%2$s"
                  thresholds: {onTrack: 0.9, atRisk: 0.5}
                targets:
                  - id: %1$s.high_tech_enterprises-%2$s-2023
                    indicator: high_tech_enterprises
                    region: "%2$s"
                    comparator: ">="
                    value: %3$s
                    unit: 家
                    deadline: "2023"
                    trajectory: linear
                    baseline: {value: 40, period: "2020"}
                    leadDepartments: [市科技局]
                    quote: 到2023年,高新技术企业达到%3$s家
                """.formatted(PLAN, REGION, targetValue);
        given().auth().oauth2(TestCredentials.admin()).contentType("text/yaml; charset=UTF-8").body(document)
                .put("/api/v1/plans/{id}", PLAN).then().statusCode(200);
    }
}
