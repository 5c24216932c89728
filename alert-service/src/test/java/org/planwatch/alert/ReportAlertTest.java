package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planwatch.alert.TestEvents.awaitAlert;
import static org.planwatch.alert.TestEvents.report;
import static org.planwatch.alert.TestEvents.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.ReportData;
import org.planwatch.platform.events.Topics;

/** planwatch.report.v1 events produced with a real Kafka client → OVERDUE_REPORT raised, kept up to date, resolved. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class ReportAlertTest {

    /** Every call here signs in as an administrator (access rules have their own test). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    private static final String SERIES = "industrial_value_added|371681";
    private static final String FINGERPRINT = SERIES + ":OVERDUE_REPORT";

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
    void lateMonthlyFiguresRaiseOneOverdueReportAlertThatResolvesWhenEveryOneArrives() {
        Instant t = Instant.parse("2026-10-21T01:00:00Z");
        long office = given().contentType("application/json").body(Map.of("recipient", "滨州市委督查室", "recipientType", "OFFICE",
                "filters", Map.of("regions", List.of("371600"), "kinds", List.of("OVERDUE_REPORT"))))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");

        String august = report("industrial_value_added", "371681", "邹平市", "2026-08", LocalDate.of(2026, 9, 20),
                ReportData.OVERDUE, t.minus(Duration.ofDays(30)));
        send(kafka, Topics.REPORTS, SERIES, august);
        JsonNode opened = awaitAlert(alerts, FINGERPRINT, "OPENED");
        long alertId = opened.path("data").path("alertId").asLong();
        assertThat(opened.path("data").path("kind").asText()).isEqualTo("OVERDUE_REPORT");
        assertThat(opened.path("data").path("severity").asText()).isEqualTo("warning");
        assertThat(opened.path("data").path("report").path("late").get(0).path("dueDate").asText()).isEqualTo("2026-09-20");

        String september = report("industrial_value_added", "371681", "邹平市", "2026-09", LocalDate.of(2026, 10, 20),
                ReportData.OVERDUE, t);
        send(kafka, Topics.REPORTS, SERIES, september);
        send(kafka, Topics.REPORTS, SERIES, september);
        send(kafka, Topics.REPORTS, SERIES, august);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                given().get("/api/v1/alerts/{id}", alertId).jsonPath().getList("report.late.period"))
                .containsExactly("2026-08", "2026-09"));
        JsonPath view = given().get("/api/v1/alerts/{id}", alertId).jsonPath();
        assertThat(view.getString("status")).isEqualTo("FIRING");
        assertThat(view.getList("report.late.dueDate")).containsExactly("2026-09-20", "2026-10-20");
        assertThat(view.getString("report.indicator.nameZh")).isEqualTo("规模以上工业增加值");
        assertThat(view.getList("recipients.name")).containsExactly("邹平市统计局", "邹平市督查室", "滨州市委督查室");
        assertThat(view.getList("recipients.type")).containsExactly("DEPARTMENT", "OFFICE", "OFFICE");
        assertThat(given().get("/api/v1/alerts?kind=OVERDUE_REPORT&recipient=邹平市统计局").jsonPath().getList("id", Long.class))
                .containsExactly(alertId);

        send(kafka, Topics.REPORTS, SERIES, report("industrial_value_added", "371681", "邹平市", "2026-08",
                LocalDate.of(2026, 9, 20), ReportData.RECEIVED, t.plus(Duration.ofDays(1))));
        // A verdict older than what is known (the calendar re-sending August as overdue) changes nothing.
        send(kafka, Topics.REPORTS, SERIES, report("industrial_value_added", "371681", "邹平市", "2026-08",
                LocalDate.of(2026, 9, 20), ReportData.OVERDUE, t));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                given().get("/api/v1/alerts/{id}", alertId).jsonPath().getList("report.late.period")).containsExactly("2026-09"));
        assertThat(given().get("/api/v1/alerts/{id}", alertId).jsonPath().getString("status")).isEqualTo("FIRING");

        send(kafka, Topics.REPORTS, SERIES, report("industrial_value_added", "371681", "邹平市", "2026-09",
                LocalDate.of(2026, 10, 20), ReportData.RECEIVED, t.plus(Duration.ofDays(2))));
        JsonNode resolved = awaitAlert(alerts, FINGERPRINT, "RESOLVED");
        assertThat(resolved.path("data").path("alertId").asLong()).isEqualTo(alertId);
        assertThat(given().get("/api/v1/alerts/{id}/history", alertId).jsonPath().getList("change"))
                .containsExactly("OPENED", "RESOLVED");

        // October late too: the same alert reopens.
        send(kafka, Topics.REPORTS, SERIES, report("industrial_value_added", "371681", "邹平市", "2026-10",
                LocalDate.of(2026, 11, 20), ReportData.OVERDUE, t.plus(Duration.ofDays(32))));
        assertThat(awaitAlert(alerts, FINGERPRINT, "REOPENED").path("data").path("alertId").asLong()).isEqualTo(alertId);
        given().delete("/api/v1/subscriptions/{id}", office).then().statusCode(204);
    }

    @Test
    void anUnreadableReportGoesToTheDeadLetterTopic() {
        ConsumerTask<String, String> dead = kafka.consumeStrings().fromTopics(Topics.deadLetter(Topics.REPORTS));
        try {
            send(kafka, Topics.REPORTS, "poison-report", "{\"not\": \"a cloud event\"}");
            send(kafka, Topics.REPORTS, "bad-period", report("gdp", "371681", "邹平市", "2026-13", LocalDate.of(2027, 1, 20),
                    ReportData.OVERDUE, Instant.now()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> dead.getRecords().stream()
                    .map(r -> r.key()).toList().containsAll(List.of("poison-report", "bad-period")));
            assertThat(given().get("/api/v1/alerts?kind=OVERDUE_REPORT").jsonPath().getList("fingerprint"))
                    .doesNotContain("gdp|371681:OVERDUE_REPORT");
        } finally {
            dead.stop();
        }
    }
}
