package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.planwatch.alert.TestEvents.awaitAlert;
import static org.planwatch.alert.TestEvents.evaluation;
import static org.planwatch.alert.TestEvents.sendEvaluation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.Topics;

/** The weekly digest: open alerts matching the subscription, oldest unacknowledged first, and the week's changes. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class DigestTest {

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
    void theDigestListsOpenAlertsOldestUnacknowledgedFirstAndWhatChangedThisWeek() {
        long subscription = given().contentType("application/json").body(Map.of("recipient", "泰安市委督查室",
                "recipientType", "OFFICE", "filters", Map.of("plans", List.of("dig"))))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
        long first = open("dig.first-2026");
        long acknowledged = open("dig.acknowledged-2026");
        long resolved = open("dig.resolved-2026");
        long worsened = open("dig.worsened-2026");
        open("other.not-subscribed-2026");
        given().contentType("application/json").body(Map.of("by", "市科技局")).post("/api/v1/alerts/{id}/ack", acknowledged)
                .then().statusCode(200);
        sendEvaluation(kafka, evaluation("dig", "dig.resolved-2026", "370900", List.of("市科技局"), "2025", "ON_TRACK"));
        awaitAlert(alerts, "dig.resolved-2026:LAG", "RESOLVED");
        sendEvaluation(kafka, evaluation("dig", "dig.worsened-2026", "370900", List.of("市科技局"), "2025", "REGRESSING"));
        awaitAlert(alerts, "dig.worsened-2026:LAG", "SEVERITY_CHANGED");

        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
        String week = now.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        JsonPath digest = given().get("/api/v1/digest?subscription={id}", subscription).then().statusCode(200)
                .extract().jsonPath();
        assertThat(digest.getString("week")).isEqualTo(week);
        assertThat(digest.getString("subscription.recipient")).isEqualTo("泰安市委督查室");
        assertThat(digest.getList("open.id", Long.class)).containsExactly(first, worsened, acknowledged);
        assertThat(digest.getList("open.severity")).containsExactly("warning", "critical", "warning");
        assertThat(digest.getString("open[2].acknowledgement.by")).isEqualTo("市科技局");
        assertThat(digest.getString("open[0].subject.indicatorZh")).isEqualTo("研发经费投入强度");
        assertThat(digest.getList("open[0].recipients.name")).containsExactly("市科技局", "泰安市委督查室");
        assertThat(digest.getList("changes.change")).containsExactly("OPENED", "OPENED", "OPENED", "OPENED", "RESOLVED",
                "SEVERITY_CHANGED");
        assertThat(digest.getList("changes.alertId", Long.class)).containsExactly(first, acknowledged, resolved, worsened,
                resolved, worsened);
        assertThat(digest.getMap("counts")).containsExactlyInAnyOrderEntriesOf(Map.of("open", 3, "unacknowledged", 2,
                "opened", 4, "resolved", 1, "escalated", 0, "severityChanged", 1));
        given().get("/api/v1/digest?subscription={id}&week={week}", subscription, week).then().statusCode(200)
                .body("open.size()", equalTo(3)).body("changes.size()", equalTo(6));

        // A week before any of this: nothing was open, nothing changed.
        given().get("/api/v1/digest?subscription={id}&week=2020-W01", subscription).then().statusCode(200)
                .body("open.size()", equalTo(0)).body("changes.size()", equalTo(0))
                .body("from", equalTo("2019-12-30T00:00:00+08:00"));
    }

    @Test
    void anEscalatedAlertIsFlaggedAndCountedInTheWeekItEscalatedAlsoForTheOfficeAbove() {
        long subscription = given().contentType("application/json").body(Map.of("recipient", "泰安市委督查室",
                "recipientType", "OFFICE", "filters", Map.of("plans", List.of("dig-esc"))))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
        // The city office's own filters take only LAG alerts: the county's overdue target reaches it by escalation.
        long cityOffice = given().contentType("application/json").body(Map.of("recipient", "泰安市政府督查室",
                "recipientType", "OFFICE", "filters", Map.of("regions", List.of("370900"), "plans", List.of("dig-esc"),
                        "kinds", List.of("LAG"))))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().jsonPath().getLong("id");
        String target = "dig-esc.rd_intensity-370902-2024";
        sendEvaluation(kafka, evaluation("dig-esc", target, "370902", "泰山区", List.of("区科技局"), "2024", "MISSED"));
        long alertId = awaitAlert(alerts, target + ":OVERDUE_TARGET", "OPENED").path("data").path("alertId").asLong();
        given().get("/api/v1/digest?subscription={id}", cityOffice).then().statusCode(200)
                .body("open.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) alertId)));

        clock.advance(Duration.ofDays(8));
        awaitAlert(alerts, target + ":OVERDUE_TARGET", "ESCALATED");

        // A week later (the clock's week): the escalation is this week's change, the opening last week's.
        for (long id : List.of(subscription, cityOffice)) {
            JsonPath digest = given().get("/api/v1/digest?subscription={id}", id).then().statusCode(200).extract().jsonPath();
            assertThat(digest.getList("open.id", Long.class)).containsExactly(alertId);
            assertThat(digest.getBoolean("open[0].escalated")).isTrue();
            assertThat(digest.getString("open[0].severity")).isEqualTo("critical");
            assertThat(digest.getList("open[0].recipients.name")).contains("泰安市督查室");
            assertThat(digest.getList("changes.change")).containsExactly("ESCALATED");
            assertThat(digest.getMap("counts")).containsEntry("escalated", 1).containsEntry("opened", 0)
                    .containsEntry("open", 1).containsEntry("unacknowledged", 1);
        }
    }

    @Test
    void aBadWeekOrSubscriptionIsAProblem() {
        given().get("/api/v1/digest?subscription=1&week=2026-W60").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("week"));
        given().get("/api/v1/digest?subscription=abc").then().statusCode(400).body("violations[0].field", equalTo("subscription"));
        given().get("/api/v1/digest").then().statusCode(400).body("violations[0].field", equalTo("subscription"));
        given().get("/api/v1/digest?subscription=987654").then().statusCode(404).contentType("application/problem+json");
    }

    private long open(String target) {
        String plan = target.substring(0, target.indexOf('.'));
        sendEvaluation(kafka, evaluation(plan, target, "370900", List.of("市科技局"), "2024", "LAGGING"));
        return awaitAlert(alerts, target + ":LAG", "OPENED").path("data").path("alertId").asLong();
    }
}
