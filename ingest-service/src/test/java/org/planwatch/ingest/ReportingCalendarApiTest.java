package org.planwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.ingest.calendar.ReportCheck;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.Topics;

/**
 * The reporting calendar against real PostgreSQL and Kafka, with the catalog stub's targets in
 * regions 371621 and 371622 (no other test posts figures there) and a fixed clock.
 */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "ingest"))
@QuarkusTestResource(CatalogStub.class)
class ReportingCalendarApiTest {

    /** Every call here signs in as an administrator (access rules have their own test). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    private static final ObjectMapper JSON = PlanwatchJackson.newMapper();
    /** 10:00 in Beijing on Saturday 10 May 2025. */
    private static final String TODAY = "2025-05-10T02:00:00Z";

    @Inject
    TestClock clock;

    @Inject
    ReportCheck check;

    @Inject
    AgroalDataSource dataSource;

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> reports;

    @BeforeEach
    void listen() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        reports = kafka.consumeStrings().fromTopics(Topics.REPORTS);
    }

    @AfterEach
    void cleanUp() {
        clock.reset();
        reports.stop();
        kafka.close();
    }

    private void post(String at, String indicator, String region, String period, String value, String unit) {
        clock.set(at);
        given().contentType("application/json").body("[{\"indicator\":\"" + indicator + "\",\"region\":\"" + region
                + "\",\"period\":\"" + period + "\",\"value\":" + value + ",\"unit\":\"" + unit + "\"}]")
                .post("/api/v1/observations").then().statusCode(200).body("acceptedCount", equalTo(1));
    }

    private static Map<String, Map<String, Object>> byPeriod(JsonPath answer) {
        Map<String, Map<String, Object>> items = new HashMap<>();
        for (Map<String, Object> item : answer.<Map<String, Object>>getList("items")) {
            Object previous = items.put(item.get("indicator") + "|" + item.get("period"), item);
            assertThat(previous).as("one item per indicator, region and period").isNull();
        }
        return items;
    }

    @Test
    void monthlyWith1to2QuarterlyInWorkingDaysAndAnnualStatusesOnAFixedDay() {
        post("2024-03-01T02:00:00Z", "high_tech_enterprises", "371621", "2023", "120", "家");
        post("2025-04-02T02:00:00Z", "high_tech_enterprises", "371621", "2024", "130", "家");
        // Due 22 April 2024 in Beijing; 00:30 on the 23rd there is still the 22nd in UTC, and late.
        post("2024-04-22T16:30:00Z", "gdp", "371621", "2024-Q1", "800", "亿元");
        // Due 25 October 2024: 15 working days after the quarter, across the National Day week and Saturday 12 October.
        post("2024-10-24T01:00:00Z", "gdp", "371621", "2024-Q3", "2500", "亿元");
        post("2025-03-15T01:00:00Z", "port_cargo_throughput", "371621", "2025-02", "900", "万吨");
        post("2025-02-20T15:59:00Z", "xinyidai_registered_enterprises", "371621", "2025-01", "4.1", "万家");
        clock.set(TODAY);

        JsonPath answer = given().queryParam("region", "371621").get("/api/v1/reporting/calendar").then().statusCode(200)
                .body("today", equalTo("2025-05-10")).body("zone", equalTo("Asia/Shanghai")).extract().jsonPath();
        Map<String, Map<String, Object>> items = byPeriod(answer);

        assertThat(items.get("high_tech_enterprises|2023")).containsEntry("status", "RECEIVED").containsEntry("dueDate", "2024-03-31")
                .containsEntry("frequency", "annual").containsEntry("indicatorNameZh", "高新技术企业数量")
                .containsEntry("regionNameZh", "惠民县").containsEntry("region", "371621");
        assertThat(items.get("high_tech_enterprises|2024")).containsEntry("status", "RECEIVED_LATE").containsEntry("dueDate", "2025-03-31");
        assertThat(items).doesNotContainKey("high_tech_enterprises|2025");
        assertThat(items).doesNotContainKey("high_tech_enterprises|2022");

        assertThat(items.get("gdp|2024-Q1")).containsEntry("status", "RECEIVED_LATE").containsEntry("dueDate", "2024-04-22")
                .containsEntry("receivedAt", "2024-04-22T16:30:00Z");
        assertThat(items.get("gdp|2024-Q2")).containsEntry("status", "OVERDUE").containsEntry("dueDate", "2024-07-19");
        assertThat(items.get("gdp|2024-Q3")).containsEntry("status", "RECEIVED").containsEntry("dueDate", "2024-10-25")
                .containsEntry("dueRule", "15 working days after the period");
        assertThat(items.get("gdp|2024-Q4")).containsEntry("status", "OVERDUE").containsEntry("dueDate", "2025-01-22");
        assertThat(items.get("gdp|2025-Q1")).containsEntry("status", "OVERDUE").containsEntry("dueDate", "2025-04-22");
        assertThat(items).doesNotContainKey("gdp|2023-Q4").doesNotContainKey("gdp|2025-Q2");

        assertThat(items.get("port_cargo_throughput|2025-01..02")).containsEntry("status", "RECEIVED")
                .containsEntry("dueDate", "2025-03-20").containsEntry("observationId", "port_cargo_throughput|371621|2025-02");
        assertThat(items).doesNotContainKey("port_cargo_throughput|2025-01").doesNotContainKey("port_cargo_throughput|2025-02");
        assertThat(items.get("port_cargo_throughput|2025-03")).containsEntry("status", "OVERDUE");
        assertThat(items.get("port_cargo_throughput|2025-04")).containsEntry("status", "DUE").containsEntry("dueDate", "2025-05-20");

        assertThat(items.get("xinyidai_registered_enterprises|2025-01")).containsEntry("status", "RECEIVED")
                .containsEntry("dueDate", "2025-02-20");
        assertThat(items.get("xinyidai_registered_enterprises|2025-02")).containsEntry("status", "OVERDUE");
        assertThat(answer.getInt("counts.OVERDUE")).isEqualTo(answer.getList("items.findAll { it.status == 'OVERDUE' }").size());
        assertThat(answer.<String>getList("items.dueDate")).isSorted();

        given().queryParam("region", "371621").queryParam("indicator", "gdp").queryParam("from", "2024-Q3")
                .queryParam("to", "2024-12").get("/api/v1/reporting/calendar").then().statusCode(200)
                .body("items.period", equalTo(List.of("2024-Q3", "2024-Q4")));
        given().queryParam("region", "371621").queryParam("status", "received_late").get("/api/v1/reporting/calendar")
                .then().statusCode(200).body("items.period", equalTo(List.of("2024-Q1", "2024")))
                .body("counts.RECEIVED_LATE", equalTo(2)).body("counts.OVERDUE", equalTo(0));
    }

    @Test
    void anOverdueFigureIsPublishedOnceAndItsLateArrivalOnce() throws Exception {
        clock.set(TODAY);
        ReportCheck.Result first = check.check();
        ReportCheck.Result second = check.check();
        // (Another test's check at the same moment may have run first: the events, not the counts, prove "once".)
        assertThat(first.ran()).isTrue();
        assertThat(second.ran()).isTrue();
        assertThat(second.overdue()).as("the second check finds nothing new").isZero();

        String march = "xinyidai_registered_enterprises|371622|2025-03";
        JsonNode overdue = awaitEvent(march, "OVERDUE");
        assertThat(overdue.path("type").asText()).isEqualTo("planwatch.report.v1");
        assertThat(overdue.path("source").asText()).isEqualTo("/planwatch/ingest-service");
        JsonNode data = overdue.path("data");
        assertThat(data.path("indicator").path("code").asText()).isEqualTo("xinyidai_registered_enterprises");
        assertThat(data.path("indicator").path("nameZh").asText()).isEqualTo("“信易贷”注册并实名认证企业数");
        assertThat(data.path("region").path("nameZh").asText()).isEqualTo("阳信县");
        assertThat(data.path("period").asText()).isEqualTo("2025-03");
        assertThat(data.path("frequency").asText()).isEqualTo("monthly");
        assertThat(data.path("dueDate").asText()).isEqualTo("2025-04-20");
        assertThat(data.path("checkedAt").asText()).isEqualTo("2025-05-10T02:00:00Z");
        assertThat(data.path("receivedAt").isNull()).isTrue();
        awaitEvent("xinyidai_registered_enterprises|371622|2025-01", "OVERDUE");
        Awaitility.await("no second OVERDUE").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> events(march).size() == 1);
        assertThat(events("xinyidai_registered_enterprises|371622|2025-04")).as("April is not due before 20 May").isEmpty();

        // The late figure arrives: the store's commit triggers the RECEIVED event, no check needed.
        post("2025-05-12T03:00:00Z", "xinyidai_registered_enterprises", "371622", "2025-03", "0.8", "万家");
        JsonNode received = awaitEvent(march, "RECEIVED");
        assertThat(received.path("data").path("receivedAt").asText()).isEqualTo("2025-05-12T03:00:00Z");
        assertThat(received.path("data").path("observationId").asText()).isEqualTo(march);
        assertThat(received.path("data").path("dueDate").asText()).isEqualTo("2025-04-20");

        ReportCheck.Result third = check.check();
        assertThat(third.overdue()).isZero();
        assertThat(third.received()).isZero();
        assertThat(check.checkReceived()).isZero();
        Awaitility.await("each verdict published once").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> events(march).size() == 2);
        given().queryParam("region", "371622").queryParam("from", "2025-03").queryParam("to", "2025-03")
                .get("/api/v1/reporting/calendar").then().statusCode(200)
                .body("items[0].status", equalTo("RECEIVED_LATE")).body("items.size()", equalTo(1));
        assertThat(given().get("/q/metrics").asString()).contains("planwatch_reports_events_total{status=\"RECEIVED\"");
    }

    @Test
    void aCheckWhileAnotherReplicaHoldsTheLockDoesNothing() throws Exception {
        clock.set(TODAY);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ReportCheck.CHECK_LOCK);
                lock.execute();
            }
            assertThat(check.check().ran()).isFalse();
            other.rollback();
        }
        assertThat(check.check().ran()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown status|status=LATE|status",
            "month 13|from=2025-13|from",
            "not a period|to=yesterday|to",
            "to before from|from=2025-06&to=2025-01|to",
            "unknown region|region=999999|region",
            "unknown indicator|indicator=no_such|indicator",
    })
    void anInvalidQueryIsA400ProblemNamingTheParameter(String name, String query, String field) {
        given().get("/api/v1/reporting/calendar?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("violations.field", hasItem(field));
    }

    private JsonNode awaitEvent(String subject, String status) {
        return Awaitility.await(subject + " " + status).atMost(Duration.ofSeconds(20))
                .until(() -> events(subject).stream().filter(e -> status.equals(e.path("data").path("status").asText()))
                        .findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private List<JsonNode> events(String subject) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : reports.getRecords()) {
            JsonNode event = JSON.readTree(record.value());
            if (subject.equals(event.path("subject").asText())) {
                assertThat(record.key()).isEqualTo(event.path("data").path("indicator").path("code").asText() + "|"
                        + event.path("data").path("region").path("code").asText());
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void theCalendarNeedsASignedInCaller() {
        io.restassured.RestAssured.given().get("/api/v1/reporting/calendar").then().statusCode(401)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.office("371600"))
                .queryParam("region", "371621").get("/api/v1/reporting/calendar").then().statusCode(200);
    }
}
