package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planwatch.alert.TestEvents.awaitAlert;
import static org.planwatch.alert.TestEvents.evaluation;
import static org.planwatch.alert.TestEvents.sendEvaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.alert.WebhookReceiver.Answer;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.Topics;

/** Alert changes delivered to real HTTP receivers: signed, retried, given up, in parallel, routed and deduplicated. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class WebhookDeliveryTest {

    /** Every call here signs in as an administrator (access rules have their own test). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    private static final String SECRET = "s3cret-shared-with-the-office";

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> alerts;
    private WebhookReceiver receiver;
    private final List<Long> subscriptions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        alerts = kafka.consumeStrings().fromTopics(Topics.ALERTS);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        subscriptions.forEach(id -> given().delete("/api/v1/subscriptions/{id}", id));
        alerts.stop();
        kafka.close();
        receiver.close();
    }

    @Test
    void aMatchingAlertIsDeliveredOnceWithASignatureTheReceiverCanVerify() throws Exception {
        String url = receiver.path("/signed", n -> Answer.ok());
        subscribe("泰安市委督查室", "OFFICE", "wh-signed", url, true);
        String target = "wh-signed.rd_intensity-2026";
        sendEvaluation(kafka, evaluation("wh-signed", target, "370902", List.of("泰山区科技局"), "2024", "LAGGING"));
        JsonNode opened = awaitAlert(alerts, target + ":LAG", "OPENED");
        long alertId = opened.path("data").path("alertId").asLong();

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received("/signed").size() == 1);
        WebhookReceiver.Received delivery = receiver.received("/signed").get(0);
        assertThat(delivery.signature()).isEqualTo("sha256=" + hmac(SECRET, delivery.timestamp() + "." + delivery.body()));
        assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(delivery.eventId()).isEqualTo(opened.path("id").asText());
        assertThat(delivery.contentType()).startsWith("application/cloudevents+json");
        JsonNode body = TestEvents.JSON.readTree(delivery.body());
        assertThat(body.path("type").asText()).isEqualTo(Topics.ALERT_TYPE);
        assertThat(body.path("data").path("change").asText()).isEqualTo("OPENED");
        assertThat(body.path("data").path("evidence").path("actual").decimalValue()).isEqualByComparingTo("2.3");
        assertThat(recipientNames(body.path("data").path("recipients"))).containsExactly("泰山区科技局", "泰安市委督查室");

        JsonPath view = given().get("/api/v1/alerts/{id}", alertId).then().statusCode(200).extract().jsonPath();
        assertThat(view.getList("recipients.name")).containsExactly("泰山区科技局", "泰安市委督查室");
        assertThat(view.getList("recipients.type")).containsExactly("DEPARTMENT", "OFFICE");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath deliveries = given().get("/api/v1/alerts/{id}/deliveries", alertId).then().statusCode(200).extract().jsonPath();
            assertThat(deliveries.getList("status")).containsExactly("DELIVERED");
            assertThat(deliveries.getList("attempts", Integer.class)).containsExactly(1);
            assertThat(deliveries.getList("lastHttpStatus", Integer.class)).containsExactly(204);
            assertThat(deliveries.getList("recipient")).containsExactly("泰安市委督查室");
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .contains("planwatch_alert_deliveries_total{outcome=\"delivered\"}")
                .contains("planwatch_alerts_open{department=\"泰山区科技局\",kind=\"LAG\",region=\"370902\",severity=\"warning\"} 1.0")
                .contains("planwatch_alerts_unacknowledged_oldest_age_seconds{severity=\"warning\"}"));
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheAlertOnTheThirdAttemptAndOnlyOnce() {
        String url = receiver.path("/flaky", n -> new Answer(n <= 2 ? 503 : 200, 0));
        subscribe("市科技局", "DEPARTMENT", "wh-flaky", url, true);
        String target = "wh-flaky.rd_intensity-2026";
        sendEvaluation(kafka, evaluation("wh-flaky", target, "370900", List.of("市科技局"), "2024", "LAGGING"));
        long alertId = awaitAlert(alerts, target + ":LAG", "OPENED").path("data").path("alertId").asLong();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath deliveries = given().get("/api/v1/alerts/{id}/deliveries", alertId).then().extract().jsonPath();
            assertThat(deliveries.getList("status")).containsExactly("DELIVERED");
            assertThat(deliveries.getList("attempts", Integer.class)).containsExactly(3);
        });
        List<WebhookReceiver.Received> received = receiver.received("/flaky");
        assertThat(received).hasSize(3);
        assertThat(received).extracting(WebhookReceiver.Received::eventId).containsOnly(received.get(0).eventId());
        // Backoff: the retries waited (0.3 s, then 0.6 s in %test).
        assertThat(Duration.between(received.get(0).at(), received.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        for (WebhookReceiver.Received r : received) {
            assertThat(r.signature()).isEqualTo("sha256=" + hmac(SECRET, r.timestamp() + "." + r.body()));
        }
    }

    @Test
    void aReceiverThatAlwaysFailsIsMarkedFailedAfterTheConfiguredWindow() {
        String url = receiver.path("/down", n -> new Answer(500, 0));
        subscribe("市财政局", "DEPARTMENT", "wh-down", url, true);
        String target = "wh-down.rd_intensity-2026";
        sendEvaluation(kafka, evaluation("wh-down", target, "370900", List.of("市财政局"), "2024", "LAGGING"));
        long alertId = awaitAlert(alerts, target + ":LAG", "OPENED").path("data").path("alertId").asLong();

        JsonPath pending = given().get("/api/v1/alerts/{id}/deliveries", alertId).then().extract().jsonPath();
        assertThat(pending.getList("status")).containsExactly("PENDING");
        Awaitility.await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> {
            JsonPath deliveries = given().get("/api/v1/alerts/{id}/deliveries", alertId).then().extract().jsonPath();
            assertThat(deliveries.getList("status")).containsExactly("FAILED");
            assertThat(deliveries.getList("lastHttpStatus", Integer.class)).containsExactly(500);
            assertThat(deliveries.getString("[0].lastError")).contains("HTTP 500");
            assertThat(deliveries.getString("[0].nextAttemptAt")).isNull();
        });
        int attempts = receiver.received("/down").size();
        assertThat(attempts).isGreaterThanOrEqualTo(2); // retried at least once; how often within the window depends on the scheduler
        // Given up for good: no further attempt.
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received("/down").size() == attempts);
        assertThat(given().get("/q/metrics").asString()).contains("planwatch_alert_deliveries_total{outcome=\"failed\"}")
                .contains("planwatch_alert_deliveries_total{outcome=\"retried\"}");
    }

    @Test
    void aSlowReceiverDoesNotHoldUpAnother() {
        String slow = receiver.path("/slow", n -> new Answer(200, 5_000));
        String fast = receiver.path("/fast", n -> Answer.ok());
        subscribe("市统计局", "DEPARTMENT", "wh-parallel", slow, true);
        subscribe("泰安市委督查室", "OFFICE", "wh-parallel", fast, true);
        String target = "wh-parallel.rd_intensity-2026";
        sendEvaluation(kafka, evaluation("wh-parallel", target, "370900", List.of("市科技局"), "2024", "LAGGING"));
        long alertId = awaitAlert(alerts, target + ":LAG", "OPENED").path("data").path("alertId").asLong();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/slow").size() == 1);
        Instant slowStarted = receiver.received("/slow").get(0).at();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/fast").size() == 1);
        // The fast receiver got it while the slow one was still holding its request (5 s): sent one after the other,
        // it would have come only after the slow request's timeout (2 s in %test).
        assertThat(Duration.between(slowStarted, receiver.received("/fast").get(0).at()).abs())
                .isLessThan(Duration.ofSeconds(2));
        // The slow one timed out and waits for its retry.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                given().get("/api/v1/alerts/{id}/deliveries", alertId).jsonPath().getList("lastError", String.class))
                .anySatisfy(error -> assertThat(error).contains("Timeout")));
    }

    @Test
    void subscriptionsGetOnlyWhatTheirFiltersMatchAndResolutionsOnlyWhenTheyAskForThem() {
        String all = receiver.path("/with-resolutions", n -> Answer.ok());
        String noResolutions = receiver.path("/without-resolutions", n -> Answer.ok());
        String breachesOnly = receiver.path("/breaches", n -> Answer.ok());
        String otherRegion = receiver.path("/other-region", n -> Answer.ok());
        String critical = receiver.path("/critical", n -> Answer.ok());
        String otherDepartment = receiver.path("/other-department", n -> Answer.ok());
        subscribe("泰安市委督查室", "OFFICE", "wh-route", all, true);
        subscribe("市科技局", "DEPARTMENT", "wh-route", noResolutions, false);
        create(Map.of("recipient", "a", "recipientType", "OFFICE", "filters", Map.of("plans", List.of("wh-route"),
                "kinds", List.of("BREACH")), "webhook", Map.of("url", breachesOnly, "secret", SECRET)));
        create(Map.of("recipient", "b", "recipientType", "OFFICE", "filters", Map.of("plans", List.of("wh-route"),
                "regions", List.of("371000")), "webhook", Map.of("url", otherRegion, "secret", SECRET)));
        create(Map.of("recipient", "c", "recipientType", "OFFICE", "filters", Map.of("plans", List.of("wh-route"),
                "minSeverity", "critical"), "webhook", Map.of("url", critical, "secret", SECRET)));
        create(Map.of("recipient", "d", "recipientType", "DEPARTMENT", "filters", Map.of("plans", List.of("wh-route"),
                "departments", List.of("市农业农村局")), "webhook", Map.of("url", otherDepartment, "secret", SECRET)));

        String target = "wh-route.rd_intensity-2026";
        String lagging = evaluation("wh-route", target, "370900", List.of("市科技局"), "2024", "LAGGING");
        sendEvaluation(kafka, lagging);
        awaitAlert(alerts, target + ":LAG", "OPENED");
        sendEvaluation(kafka, evaluation("wh-route", target, "370900", List.of("市科技局"), "2025", "ON_TRACK"));
        long alertId = awaitAlert(alerts, target + ":LAG", "RESOLVED").path("data").path("alertId").asLong();

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(changes("/with-resolutions")).containsExactly("OPENED", "RESOLVED");
            assertThat(changes("/without-resolutions")).containsExactly("OPENED");
        });
        assertThat(receiver.received("/breaches")).isEmpty();
        assertThat(receiver.received("/other-region")).isEmpty();
        assertThat(receiver.received("/critical")).isEmpty();
        assertThat(receiver.received("/other-department")).isEmpty();

        // The same evaluation delivered again (a redelivery after a restart) changes nothing and sends nothing.
        TestEvents.send(kafka, Topics.EVALUATIONS, target, lagging);
        TestEvents.send(kafka, Topics.EVALUATIONS, target, lagging);
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() ->
                given().get("/api/v1/alerts/{id}/deliveries", alertId).jsonPath().getList("id").size() == 3
                        && changes("/with-resolutions").size() == 2);
        assertThat(given().get("/api/v1/alerts/{id}/history", alertId).jsonPath().getList("change"))
                .containsExactly("OPENED", "RESOLVED");
        assertThat(TestEvents.alertEvents(alerts, target + ":LAG")).hasSize(2);
    }

    private List<String> changes(String path) {
        return receiver.received(path).stream().map(r -> {
            try {
                return TestEvents.JSON.readTree(r.body()).path("data").path("change").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private void subscribe(String recipient, String type, String plan, String url, boolean includeResolutions) {
        create(Map.of("recipient", recipient, "recipientType", type, "filters", Map.of("plans", List.of(plan)),
                "webhook", Map.of("url", url, "secret", SECRET), "includeResolutions", includeResolutions));
    }

    private void create(Map<String, Object> body) {
        subscriptions.add(given().contentType("application/json").body(body).post("/api/v1/subscriptions").then()
                .statusCode(201).extract().jsonPath().getLong("id"));
    }

    private static List<String> recipientNames(JsonNode recipients) {
        List<String> names = new ArrayList<>();
        recipients.forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
