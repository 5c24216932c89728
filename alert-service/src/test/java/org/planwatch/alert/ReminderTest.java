package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planwatch.alert.TestEvents.awaitAlert;
import static org.planwatch.alert.TestEvents.evaluation;
import static org.planwatch.alert.TestEvents.sendEvaluation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.alert.WebhookReceiver.Answer;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.Topics;

/** Reminders of what nobody acknowledges at 1, 7 and 30 days; an acknowledged alert notifies only on a severity change. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class ReminderTest {

    /** Every call here signs in as an administrator (access rules have their own test). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    @Inject
    TestClock clock;

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> alerts;
    private WebhookReceiver receiver;
    private long subscription;

    @BeforeEach
    void start() throws Exception {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        alerts = kafka.consumeStrings().fromTopics(Topics.ALERTS);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        clock.reset();
        given().delete("/api/v1/subscriptions/{id}", subscription);
        alerts.stop();
        kafka.close();
        receiver.close();
    }

    @Test
    void anUnacknowledgedAlertIsRemindedAfterOneSevenAndThirtyDaysAndAnAcknowledgedOneIsNot() {
        String url = receiver.path("/reminders", n -> Answer.ok());
        subscription = given().contentType("application/json").body(Map.of("recipient", "泰安市委督查室", "recipientType", "OFFICE",
                "filters", Map.of("plans", List.of("rem")), "webhook", Map.of("url", url, "secret", "reminders-shared-secret")))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
        String ignored = "rem.ignored-2026";
        String acknowledged = "rem.acknowledged-2026";
        sendEvaluation(kafka, evaluation("rem", ignored, "370900", List.of("市科技局"), "2024", "LAGGING"));
        sendEvaluation(kafka, evaluation("rem", acknowledged, "370900", List.of("市科技局"), "2024", "LAGGING"));
        long ignoredId = awaitAlert(alerts, ignored + ":LAG", "OPENED").path("data").path("alertId").asLong();
        long acknowledgedId = awaitAlert(alerts, acknowledged + ":LAG", "OPENED").path("data").path("alertId").asLong();
        given().contentType("application/json").body(Map.of("by", "市科技局", "comment", "已部署整改"))
                .post("/api/v1/alerts/{id}/ack", acknowledgedId).then().statusCode(200);

        assertReminders(ignoredId, 0);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertReminders(ignoredId, 1);
        clock.advance(Duration.ofDays(6));
        assertReminders(ignoredId, 2);
        clock.advance(Duration.ofDays(23));
        assertReminders(ignoredId, 3);
        assertThat(history(acknowledgedId)).containsExactly("OPENED", "ACKNOWLEDGED");

        // Acknowledged: only a severity change notifies again.
        sendEvaluation(kafka, evaluation("rem", acknowledged, "370900", List.of("市科技局"), "2025", "REGRESSING"));
        awaitAlert(alerts, acknowledged + ":LAG", "SEVERITY_CHANGED");
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivered(acknowledged))
                .containsExactly("OPENED", "SEVERITY_CHANGED"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivered(ignored))
                .containsExactly("OPENED", "REMINDED", "REMINDED", "REMINDED"));
        given().get("/api/v1/alerts/{id}", acknowledgedId).then().body("status", org.hamcrest.Matchers.equalTo("ACKNOWLEDGED"))
                .body("severity", org.hamcrest.Matchers.equalTo("critical"));
    }

    /** Exactly {@code expected} reminders, and no more arrive in the next two seconds. */
    private void assertReminders(long alertId, int expected) {
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> history(alertId).stream().filter("REMINDED"::equals).count() == expected);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> history(alertId).stream().filter("REMINDED"::equals).count() == expected);
    }

    private List<String> history(long alertId) {
        return given().get("/api/v1/alerts/{id}/history", alertId).jsonPath().getList("change", String.class);
    }

    private List<String> delivered(String target) {
        return receiver.received("/reminders").stream().map(r -> {
            try {
                return TestEvents.JSON.readTree(r.body()).path("data");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).filter(data -> data.path("fingerprint").asText().equals(target + ":LAG"))
                .map(data -> data.path("change").asText()).toList();
    }
}
