package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.Topics;

/** Evaluation events in on a real broker → LAG alerts opened, changed, resolved and reopened. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class AlertLifecycleTest {

    /** Every call here signs in as an administrator (access rules have their own test). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    private static final ObjectMapper JSON = PlanwatchJackson.newMapper();
    private static final AtomicLong EVALUATION_IDS = new AtomicLong(1000);

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> alerts;

    @BeforeEach
    void listen() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        alerts = kafka.consumeStrings().fromTopics(Topics.ALERTS);
    }

    @AfterEach
    void stopListening() {
        alerts.stop();
        kafka.close();
    }

    @Test
    void aLagAlertOpensEscalatesResolvesAndReopensAsOneAlert() throws Exception {
        String target = "plan-a.high_tech_enterprises-2024";
        send(evaluation(target, "2023", "LAGGING", 0.2143));
        JsonNode opened = awaitAlert(target, "OPENED");
        assertThat(opened.path("data").path("severity").asText()).isEqualTo("warning");
        assertThat(opened.path("data").path("kind").asText()).isEqualTo("LAG");
        long alertId = opened.path("data").path("alertId").asLong();

        given().get("/api/v1/alerts?status=FIRING&region=371000&kind=LAG").then().log().ifValidationFails().statusCode(200)
                .body("find { it.id == " + alertId + " }.evidence.actual", equalTo(1400))
                .body("find { it.id == " + alertId + " }.evidence.expected", equalTo(1488))
                .body("find { it.id == " + alertId + " }.evidence.gap", equalTo(-88))
                .body("find { it.id == " + alertId + " }.evidence.progressRatio", equalTo(0.2143f))
                .body("find { it.id == " + alertId + " }.evidence.period", equalTo("2023"))
                .body("find { it.id == " + alertId + " }.evidence.source.quote", equalTo("到2024年国家高新技术企业达到1600家"))
                .body("find { it.id == " + alertId + " }.leadDepartments[0]", equalTo("市发展改革委"));

        send(evaluation(target, "2024-03", "REGRESSING", -0.1));
        assertThat(awaitAlert(target, "SEVERITY_CHANGED").path("data").path("severity").asText()).isEqualTo("critical");
        String criticalSeries = "planwatch_alerts_open{department=\"市发展改革委\",kind=\"LAG\",region=\"371000\",severity=\"critical\"}";
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .contains(criticalSeries + " 1.0"));

        send(evaluation(target, "2024-06", "ON_TRACK", 0.97));
        JsonNode resolved = awaitAlert(target, "RESOLVED");
        assertThat(resolved.path("data").path("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.path("data").path("alertId").asLong()).isEqualTo(alertId);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .as("a series with no open alert left is removed").doesNotContain(criticalSeries));

        send(evaluation(target, "2024-09", "AT_RISK", 0.8));
        JsonNode reopened = awaitAlert(target, "REOPENED");
        assertThat(reopened.path("data").path("alertId").asLong()).isEqualTo(alertId);

        List<String> changes = given().get("/api/v1/alerts/{id}/history", alertId).then().statusCode(200)
                .extract().jsonPath().getList("change", String.class);
        assertThat(changes).containsExactly("OPENED", "SEVERITY_CHANGED", "RESOLVED", "REOPENED");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .contains("planwatch_alerts_open{department=\"市发展改革委\",kind=\"LAG\",region=\"371000\",severity=\"warning\"}"));
    }

    @Test
    void aFigureForAnOlderPeriodDoesNotOverrideANewerOne() throws Exception {
        String target = "plan-b.rd_intensity-2026";
        send(evaluation(target, "2025", "ON_TRACK", 1.0));
        send(evaluation(target, "2024", "LAGGING", 0.3));
        send(evaluation(target, "2025-..marker", "LAGGING", 0.3), "marker-not-a-period");
        assertThat(awaitDeadLetter("marker-not-a-period")).isTrue();
        given().get("/api/v1/alerts?kind=LAG").then().statusCode(200)
                .body("findAll { it.target.id == '" + target + "' }.size()", equalTo(0));
    }

    @Test
    void aRedeliveredEvaluationChangesNothing() throws Exception {
        String target = "plan-c.gdp-371681-2025";
        String event = evaluation(target, "2024", "LAGGING", 0.4);
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.EVALUATIONS, target, event),
                new ProducerRecord<>(Topics.EVALUATIONS, target, event)).awaitCompletion();
        send(evaluation(target, "2024-Q1", "LAGGING", 0.4));
        long alertId = awaitAlert(target, "OPENED").path("data").path("alertId").asLong();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v1/alerts/{id}", alertId)
                .jsonPath().getString("evidence.period").equals("2024"));
        assertThat(given().get("/api/v1/alerts/{id}/history", alertId).jsonPath().getList("change")).containsExactly("OPENED");
    }

    @Test
    void unknownFiltersAreA400ProblemAndAMissingAlertA404() {
        given().get("/api/v1/alerts?status=OPEN").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"));
        given().get("/api/v1/alerts/987654").then().statusCode(404).contentType("application/problem+json");
    }

    private void send(String event) {
        send(event, null);
    }

    private void send(String event, String key) {
        try {
            JsonNode tree = JSON.readTree(event);
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.EVALUATIONS,
                    key != null ? key : tree.path("data").path("targetId").asText(), event)).awaitCompletion();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean awaitDeadLetter(String key) {
        ConsumerTask<String, String> dead = kafka.consumeStrings().fromTopics(Topics.deadLetter(Topics.EVALUATIONS));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> dead.getRecords().stream().anyMatch(r -> key.equals(r.key())));
            return true;
        } finally {
            dead.stop();
        }
    }

    private JsonNode awaitAlert(String targetId, String change) {
        JsonNode event = Awaitility.await("a " + change + " LAG alert for " + targetId).atMost(Duration.ofSeconds(30))
                .until(() -> find(targetId + ":LAG", change), java.util.Optional::isPresent).orElseThrow();
        assertThat(event.path("type").asText()).isEqualTo(Topics.ALERT_TYPE);
        return event;
    }

    private java.util.Optional<JsonNode> find(String fingerprint, String change) throws Exception {
        for (ConsumerRecord<String, String> record : new ArrayList<>(alerts.getRecords())) {
            JsonNode event = JSON.readTree(record.value());
            if (fingerprint.equals(record.key()) && change.equals(event.path("data").path("change").asText())) {
                return java.util.Optional.of(event);
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    void anOnTrackTargetForecastToMissRaisesAWarning() throws Exception {
        String target = "plan-d.tech_smes-2026";
        send(evaluation(target, "2024", "ON_TRACK", 0.97, new EvaluationData.ForecastRef(4, 2100, 2000, 2200, 0.05, true)));
        JsonNode opened = awaitAlert(target, "OPENED");
        assertThat(opened.path("data").path("severity").asText()).isEqualTo("warning");
        assertThat(opened.path("data").path("evidence").path("status").asText()).isEqualTo("ON_TRACK");

        send(evaluation(target, "2025", "ON_TRACK", 1.0, new EvaluationData.ForecastRef(5, 2600, 2450, 2750, 0.7, false)));
        awaitAlert(target, "RESOLVED");
    }

    static String evaluation(String targetId, String period, String status, double ratio) throws Exception {
        return evaluation(targetId, period, status, ratio, null);
    }

    static String evaluation(String targetId, String period, String status, double ratio, EvaluationData.ForecastRef forecast)
            throws Exception {
        EvaluationData data = new EvaluationData(EVALUATION_IDS.incrementAndGet(), targetId, 1,
                new EvaluationData.PlanRef("plan", "威海市建设国家创新型城市实施方案", "威政字〔2023〕40号"),
                new EvaluationData.IndicatorRef("high_tech_enterprises", "高新技术企业数量", "High-tech enterprises", "家"),
                new EvaluationData.RegionRef("371000", "威海市"), period, "2023-12", targetId + "|" + period, 1,
                new BigDecimal("1400"), new BigDecimal("1488"), new BigDecimal("1600"), new BigDecimal("-88"), ratio,
                status, "滞后", new EvaluationData.BaselineRef(new BigDecimal("1376"), "2022"), ">=", "2024", "linear",
                List.of("市发展改革委"), List.of("市科技局"),
                new EvaluationData.SourceRef("004_9067dfe9718e4d13.txt", "到2024年国家高新技术企业达到1600家"),
                "linear: …", forecast, OffsetDateTime.now(ZoneOffset.UTC));
        return JSON.writeValueAsString(CloudEvent.of("/planwatch/test", Topics.EVALUATION_TYPE, targetId,
                OffsetDateTime.now(ZoneOffset.UTC), JSON.valueToTree(data)));
    }
}
