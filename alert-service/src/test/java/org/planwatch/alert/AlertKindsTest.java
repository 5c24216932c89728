package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.Topics;

/** BREACH and OVERDUE_TARGET alerts, acknowledgement, and escalation of what nobody acknowledges. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class AlertKindsTest {

    /** Every call here signs in as an administrator (access rules have their own test). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    @Inject
    TestClock clock;

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> alerts;

    @BeforeEach
    void listen() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        alerts = kafka.consumeStrings().fromTopics(Topics.ALERTS);
    }

    @AfterEach
    void stopListening() {
        clock.reset();
        alerts.stop();
        kafka.close();
    }

    @Test
    void aBrokenHoldTargetRaisesACriticalBreachAndHoldingAgainResolvesIt() throws Exception {
        String target = "kinds.grain_output-2025";
        send(AlertLifecycleTest.evaluation(target, "2024", "BREACHED", 0, null).replace("\"trajectory\":\"linear\"",
                "\"trajectory\":\"hold\""));
        JsonNode breach = await(target + ":BREACH", "OPENED");
        assertThat(breach.path("data").path("severity").asText()).isEqualTo("critical");
        send(AlertLifecycleTest.evaluation(target, "2025", "ON_TRACK", 1, null).replace("\"trajectory\":\"linear\"",
                "\"trajectory\":\"hold\""));
        await(target + ":BREACH", "RESOLVED");
    }

    @Test
    void aMissedDeadlineRaisesOverdueTargetAndAcknowledgementStopsEscalation() throws Exception {
        String missed = "kinds.tourism_revenue-2024";
        String ignored = "kinds.national_incubators-2024";
        send(AlertLifecycleTest.evaluation(missed, "2024", "MISSED", 0.8, null));
        send(AlertLifecycleTest.evaluation(ignored, "2024", "MISSED", 0.5, null));
        long acknowledged = await(missed + ":OVERDUE_TARGET", "OPENED").path("data").path("alertId").asLong();
        long unacknowledged = await(ignored + ":OVERDUE_TARGET", "OPENED").path("data").path("alertId").asLong();

        given().contentType("application/json").body("{\"by\":\"市文化和旅游局\",\"comment\":\"原因已查明，下月报送整改方案\"}")
                .post("/api/v1/alerts/{id}/ack", acknowledged).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgement.by", equalTo("市文化和旅游局"));
        assertThat(await(missed + ":OVERDUE_TARGET", "ACKNOWLEDGED").path("data").path("acknowledgement").path("comment")
                .asText()).isEqualTo("原因已查明，下月报送整改方案");
        given().contentType("application/json").body("{\"by\":\"市文化和旅游局\"}")
                .post("/api/v1/alerts/{id}/ack", acknowledged).then().statusCode(409).contentType("application/problem+json");

        clock.advance(Duration.ofDays(8));

        JsonNode escalated = await(ignored + ":OVERDUE_TARGET", "ESCALATED");
        assertThat(escalated.path("data").path("escalated").asBoolean()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/v1/alerts/{id}", unacknowledged).then().body("escalated", equalTo(true)));
        given().get("/api/v1/alerts/{id}", acknowledged).then().body("escalated", equalTo(false));
        given().get("/api/v1/alerts/{id}/history", acknowledged).then()
                .body("change", equalTo(List.of("OPENED", "ACKNOWLEDGED")))
                .body("[1].actor", equalTo("市文化和旅游局"));
    }

    @Test
    void aMissedYearOfAnAnnualTargetClearsWhenALaterYearIsBackOnTrack() throws Exception {
        String target = "kinds.new_enterprises-2027";
        send(AlertLifecycleTest.evaluation(target, "2024", "MISSED", 0.8, null).replace("\"trajectory\":\"linear\"",
                "\"trajectory\":\"annual\""));
        await(target + ":OVERDUE_TARGET", "OPENED");
        send(AlertLifecycleTest.evaluation(target, "2025-06", "ON_TRACK", 1.0, null).replace("\"trajectory\":\"linear\"",
                "\"trajectory\":\"annual\""));
        await(target + ":OVERDUE_TARGET", "RESOLVED");
    }

    @Test
    void aMissedDeadlineSupersededByALateAchievingFigureResolvesTheOverdueAlert() throws Exception {
        String target = "kinds.national_tech_smes-2024";
        send(AlertLifecycleTest.evaluation(target, "2024", "MISSED", 0.4, null));
        long alertId = await(target + ":OVERDUE_TARGET", "OPENED").path("data").path("alertId").asLong();
        // indicator-service publishes the late figure's own evaluation (an earlier period: it changes nothing here),
        // then the ACHIEVED evaluation of the deadline period that supersedes the MISSED.
        send(AlertLifecycleTest.evaluation(target, "2023", "ACHIEVED", 1.2, null));
        send(AlertLifecycleTest.evaluation(target, "2024", "ACHIEVED", 1.2, null));
        JsonNode resolved = await(target + ":OVERDUE_TARGET", "RESOLVED");
        assertThat(resolved.path("data").path("alertId").asLong()).isEqualTo(alertId);
        assertThat(resolved.path("data").path("evidence").path("status").asText()).isEqualTo("ACHIEVED");
        assertThat(resolved.path("data").path("evidence").path("period").asText()).isEqualTo("2024");
        given().get("/api/v1/alerts/{id}/history", alertId).then().body("change", equalTo(List.of("OPENED", "RESOLVED")));
    }

    @Test
    void anAcknowledgementWithoutWhoIsA400Problem() {
        given().contentType("application/json").body("{\"comment\":\"x\"}").post("/api/v1/alerts/1/ack").then()
                .statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("by"));
        given().contentType("application/json").body("{\"by\":\"督查室\"}").post("/api/v1/alerts/987654/ack").then()
                .statusCode(404);
    }

    private void send(String event) {
        try {
            JsonNode tree = PlanwatchJackson.newMapper().readTree(event);
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.EVALUATIONS,
                    tree.path("data").path("targetId").asText(), event)).awaitCompletion();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode await(String fingerprint, String change) {
        return Awaitility.await("a " + change + " event for " + fingerprint).atMost(Duration.ofSeconds(30))
                .until(() -> find(fingerprint, change), java.util.Optional::isPresent).orElseThrow();
    }

    private java.util.Optional<JsonNode> find(String fingerprint, String change) throws Exception {
        for (ConsumerRecord<String, String> record : new ArrayList<>(alerts.getRecords())) {
            JsonNode event = PlanwatchJackson.newMapper().readTree(record.value());
            if (fingerprint.equals(record.key()) && change.equals(event.path("data").path("change").asText())) {
                return java.util.Optional.of(event);
            }
        }
        return java.util.Optional.empty();
    }
}
