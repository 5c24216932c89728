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
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * A critical alert nobody acknowledges escalates to the supervision office of the region above (county → city →
 * province; a province's stays with its own office): the ESCALATED event names the office, the alert's recipients
 * include it from then on, and that office's subscriptions get the escalation by signed webhook even though their
 * own filters would not take the alert. Region names come from a stub of indicator-service's regions (this resource
 * applies to every test of the module, as all Quarkus test resources here do).
 */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
@QuarkusTestResource(RegionCatalogStub.class)
class EscalationTest {

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    private static final String SECRET = "s3cret-of-the-city-office";

    @Inject
    TestClock clock;

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
        clock.reset();
        subscriptions.forEach(id -> given().delete("/api/v1/subscriptions/{id}", id));
        alerts.stop();
        kafka.close();
        receiver.close();
    }

    @Test
    void anUnacknowledgedCountyAlertReachesTheCityOfficeOnceAndTheOfficeHearsWhatFollows() {
        // Day to day the city office follows only LAG alerts of the plan; the province's and another city's offices too.
        subscribe("威海市委督查室", "371000", receiver.path("/city", n -> Answer.ok()));
        subscribe("山东省委督查室", "370000", receiver.path("/province", n -> Answer.ok()));
        subscribe("泰安市委督查室", "370900", receiver.path("/other-city", n -> Answer.ok()));
        String ignored = "esc.national_incubators-371002-2024";
        String answered = "esc.tech_smes-371002-2024";
        sendEvaluation(kafka, evaluation("esc", ignored, "371002", "环翠区", List.of("环翠区科技局"), "2024", "MISSED"));
        sendEvaluation(kafka, evaluation("esc", answered, "371002", "环翠区", List.of("环翠区科技局"), "2024", "MISSED"));
        JsonNode opened = awaitAlert(alerts, ignored + ":OVERDUE_TARGET", "OPENED");
        long alertId = opened.path("data").path("alertId").asLong();
        assertThat(names(opened.path("data").path("recipients"))).containsExactly("环翠区科技局");
        long answeredId = awaitAlert(alerts, answered + ":OVERDUE_TARGET", "OPENED").path("data").path("alertId").asLong();
        given().contentType("application/json").body(Map.of("by", "环翠区科技局", "comment", "已部署整改"))
                .post("/api/v1/alerts/{id}/ack", answeredId).then().statusCode(200);

        clock.advance(Duration.ofDays(8));

        JsonNode escalated = awaitAlert(alerts, ignored + ":OVERDUE_TARGET", "ESCALATED");
        assertThat(escalated.path("data").path("escalated").asBoolean()).isTrue();
        assertThat(names(escalated.path("data").path("recipients")))
                .containsExactly("环翠区科技局", "威海市督查室", "威海市委督查室");
        assertThat(escalated.path("data").path("recipients").findValuesAsText("type"))
                .containsExactly("DEPARTMENT", "OFFICE", "OFFICE");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !received("/city", ignored, "ESCALATED").isEmpty());
        // Exactly one delivery of the escalation, and nothing of the opening the office's filters did not take.
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> received("/city", ignored, "ESCALATED").size() == 1);
        WebhookReceiver.Received delivery = received("/city", ignored, "ESCALATED").get(0);
        assertThat(delivery.signature()).isEqualTo("sha256=" + WebhookDeliveryTest.hmac(SECRET,
                delivery.timestamp() + "." + delivery.body()));
        assertThat(delivery.eventId()).isEqualTo(escalated.path("id").asText());
        assertThat(received("/city", ignored, "OPENED")).isEmpty();
        assertThat(received("/province", ignored, null)).as("two levels up: not the office above").isEmpty();
        assertThat(received("/other-city", ignored, null)).isEmpty();
        // The acknowledged alert did not escalate and reached nobody above.
        assertThat(received("/city", answered, null)).isEmpty();
        given().get("/api/v1/alerts/{id}/history", answeredId).then().statusCode(200)
                .body("change", org.hamcrest.Matchers.equalTo(List.of("OPENED", "ACKNOWLEDGED")));

        JsonPath view = given().get("/api/v1/alerts/{id}", alertId).then().statusCode(200).extract().jsonPath();
        assertThat(view.getBoolean("escalated")).isTrue();
        assertThat(view.getList("recipients.name")).contains("威海市督查室", "威海市委督查室");
        assertThat(given().get("/api/v1/alerts?recipient=威海市督查室").jsonPath().getList("id", Long.class)).contains(alertId);
        String comment = given().get("/api/v1/alerts/{id}/history", alertId).jsonPath()
                .getString("find { it.change == 'ESCALATED' }.comment");
        assertThat(comment).contains("escalated to 威海市督查室 (371000)").contains("环翠区");

        // From then on the office above is a recipient: it hears the resolution too.
        sendEvaluation(kafka, evaluation("esc", ignored, "371002", "环翠区", List.of("环翠区科技局"), "2024", "ACHIEVED"));
        JsonNode resolved = awaitAlert(alerts, ignored + ":OVERDUE_TARGET", "RESOLVED");
        assertThat(names(resolved.path("data").path("recipients"))).contains("威海市督查室");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> received("/city", ignored, "RESOLVED").size() == 1);
    }

    @Test
    void aProvinceAlertEscalatesToTheProvincesOwnOffice() {
        String target = "esc.provincial_labs-370000-2024";
        sendEvaluation(kafka, evaluation("esc", target, "370000", "山东省", List.of("省科技厅"), "2024", "MISSED"));
        long alertId = awaitAlert(alerts, target + ":OVERDUE_TARGET", "OPENED").path("data").path("alertId").asLong();

        clock.advance(Duration.ofDays(8));

        JsonNode escalated = awaitAlert(alerts, target + ":OVERDUE_TARGET", "ESCALATED");
        assertThat(names(escalated.path("data").path("recipients"))).containsExactly("省科技厅", "山东省督查室");
        assertThat(given().get("/api/v1/alerts/{id}/history", alertId).jsonPath()
                .getString("find { it.change == 'ESCALATED' }.comment"))
                .contains("no region is above 山东省 (370000): it stays with its own office, 山东省督查室");
    }

    /** Webhook requests of {@code path} about the target's OVERDUE_TARGET alert, of one change or (null) all. */
    private List<WebhookReceiver.Received> received(String path, String target, String change) {
        return receiver.received(path).stream().filter(r -> {
            JsonNode data = read(r.body()).path("data");
            return data.path("fingerprint").asText().equals(target + ":OVERDUE_TARGET")
                    && (change == null || change.equals(data.path("change").asText()));
        }).toList();
    }

    private void subscribe(String office, String region, String url) {
        subscriptions.add(given().contentType("application/json").body(Map.of("recipient", office, "recipientType", "OFFICE",
                        "filters", Map.of("regions", List.of(region), "plans", List.of("esc"), "kinds", List.of("LAG")),
                        "webhook", Map.of("url", url, "secret", SECRET), "includeResolutions", true))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath().getLong("id"));
    }

    private static JsonNode read(String json) {
        try {
            return TestEvents.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(JsonNode recipients) {
        return recipients.findValuesAsText("name");
    }
}
