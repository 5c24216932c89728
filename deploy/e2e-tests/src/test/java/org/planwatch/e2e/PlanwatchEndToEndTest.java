package org.planwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A figure posted over HTTP to ingest-service travels through the real broker to
 * indicator-service and alert-service: a lagging one opens a LAG alert on
 * {@code planwatch.alerts} and in the alert API, an on-track revision resolves it.
 */
class PlanwatchEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEIHAI_TARGET = "weihai-innovative-city-2023.high_tech_enterprises-2024";

    private static RunningSystem system;
    private static KafkaConsumer<String, String> alerts;
    private static final List<JsonNode> seen = new ArrayList<>();

    @BeforeAll
    static void startSystem() {
        system = new RunningSystem();
        Properties properties = new Properties();
        properties.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        alerts = new KafkaConsumer<>(properties);
        alerts.subscribe(List.of("planwatch.alerts"));
    }

    @AfterAll
    static void stopSystem() {
        if (alerts != null) {
            alerts.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aLaggingFigureRaisesALagAlertAndAnOnTrackRevisionResolvesIt() throws Exception {
        HttpResponse<String> posted = system.post("ingest-service", "/api/v1/observations",
                "[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"2023\",\"value\":1400,\"unit\":\"家\",\"basis\":\"level\"}]");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        JsonNode opened = awaitAlertEvent(e -> WEIHAI_TARGET.equals(e.path("data").path("target").path("id").asText())
                && "OPENED".equals(e.path("data").path("change").asText()));
        assertThat(opened.path("data").path("kind").asText()).isEqualTo("LAG");
        assertThat(opened.path("data").path("status").asText()).isEqualTo("FIRING");
        assertThat(opened.path("data").path("evidence").path("status").asText()).isEqualTo("LAGGING");

        JsonNode firing = alertFromApi("FIRING");
        JsonNode evidence = firing.path("evidence");
        assertThat(evidence.path("actual").decimalValue()).isEqualByComparingTo("1400");
        assertThat(evidence.path("expected").decimalValue()).isEqualByComparingTo("1488");
        assertThat(evidence.path("gap").decimalValue()).isEqualByComparingTo("-88");
        assertThat(evidence.path("progressRatio").asDouble()).isBetween(0.2142, 0.2143);
        assertThat(evidence.path("period").asText()).isEqualTo("2023");
        assertThat(evidence.path("source").path("quote").asText()).contains("1600家");
        assertThat(evidence.path("source").path("file").asText()).isEqualTo("004_9067dfe9718e4d13.txt");

        HttpResponse<String> revised = system.post("ingest-service", "/api/v1/observations",
                "[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"2023\",\"value\":1490,\"unit\":\"家\",\"basis\":\"level\"}]");
        assertThat(JSON.readTree(revised.body()).path("accepted").path(0).path("outcome").asText()).isEqualTo("revised");

        JsonNode resolved = awaitAlertEvent(e -> WEIHAI_TARGET.equals(e.path("data").path("target").path("id").asText())
                && "RESOLVED".equals(e.path("data").path("change").asText()));
        assertThat(resolved.path("data").path("alertId").asLong()).isEqualTo(opened.path("data").path("alertId").asLong());
        assertThat(resolved.path("data").path("evidence").path("observationRevision").asInt()).isEqualTo(2);
        assertThat(alertFromApi("RESOLVED").path("evidence").path("status").asText()).isEqualTo("ON_TRACK");

        JsonNode evaluations = JSON.readTree(system.get("indicator-service",
                "/api/v1/targets/" + WEIHAI_TARGET + "/evaluations").body());
        assertThat(evaluations.findValuesAsText("status")).as("newest first").containsExactly("ON_TRACK", "LAGGING");
        assertThat(evaluations.findValuesAsText("observationRevision")).containsExactly("2", "1");
    }

    @Test
    void aBadFigureIsA400ProblemAndNothingIsStored() throws Exception {
        HttpResponse<String> rejected = system.post("ingest-service", "/api/v1/observations",
                "[{\"indicator\":\"rd_intensity\",\"region\":\"370900\",\"period\":\"2023-13\",\"value\":2.1,\"unit\":\"%\"}]");
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(rejected.body()).path("violations").path(0).path("field").asText()).isEqualTo("[0].period");
        assertThat(JSON.readTree(system.get("ingest-service", "/api/v1/observations?indicator=rd_intensity").body())).isEmpty();
    }

    @Test
    void aFigurePostedWhileTheBrokerIsDownIsPublishedWhenItReturns() throws Exception {
        String target = "weihai-innovative-city-2023.national_incubators-2024";
        system.broker.stop();
        try {
            HttpResponse<String> posted = system.post("ingest-service", "/api/v1/observations",
                    "[{\"indicator\":\"national_incubators\",\"region\":\"371000\",\"period\":\"2023\",\"value\":23,\"unit\":\"家\"}]");
            assertThat(posted.statusCode()).as("the upload succeeds with Kafka down: " + posted.body()).isEqualTo(200);
        } finally {
            system.broker.restart();
        }
        // B = 23 (2022), V = 25 (2024), A = 23 (2023): no progress, LAGGING.
        JsonNode opened = awaitAlertEvent(e -> target.equals(e.path("data").path("target").path("id").asText())
                && "OPENED".equals(e.path("data").path("change").asText()));
        assertThat(opened.path("data").path("evidence").path("status").asText()).isEqualTo("LAGGING");
        assertThat(openingsOf(target)).as("published once").isEqualTo(1);
    }

    @Test
    void alertServiceKilledTwiceKeepsOneAlertWithOneOpening() throws Exception {
        String target = "weihai-innovative-city-2023.national_innovation_platforms-2024";
        system.kill("alert-service");
        try {
            // B = 27 (2022), V = 30 (2024), A = 27 (2023): no progress, LAGGING, evaluated while alert-service is down.
            HttpResponse<String> posted = system.post("ingest-service", "/api/v1/observations",
                    "[{\"indicator\":\"national_innovation_platforms\",\"region\":\"371000\",\"period\":\"2023\",\"value\":27,\"unit\":\"家\"}]");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        } finally {
            system.restart("alert-service");
        }
        JsonNode opened = awaitAlertEvent(e -> target.equals(e.path("data").path("target").path("id").asText())
                && "OPENED".equals(e.path("data").path("change").asText()));
        // Killed again right after the alert opened: whatever it had not committed is read again after the restart.
        system.kill("alert-service");
        system.restart("alert-service");
        long quietUntil = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < quietUntil) {
            for (ConsumerRecord<String, String> record : alerts.poll(Duration.ofMillis(500))) {
                seen.add(JSON.readTree(record.value()));
            }
        }

        assertThat(openingsOf(target)).as("opened once").isEqualTo(1);
        long alertId = opened.path("data").path("alertId").asLong();
        JsonNode alerts = JSON.readTree(system.get("alert-service", "/api/v1/alerts?region=371000&kind=LAG").body());
        assertThat(alerts.findValues("target").stream().filter(t -> target.equals(t.path("id").asText())).count())
                .as("one alert for the target").isEqualTo(1);
        assertThat(JSON.readTree(system.get("alert-service", "/api/v1/alerts/" + alertId + "/history").body())
                .findValuesAsText("change")).containsExactly("OPENED");
    }

    /**
     * Distinct OPENED events of a target. The outbox relay sends at least once: killed between the
     * broker's acknowledgement and deleting the row, it sends the same event (same id) again after
     * the restart, and consumers deduplicate by id — a second opening would carry a new id.
     */
    private static long openingsOf(String target) {
        return seen.stream()
                .filter(e -> target.equals(e.path("data").path("target").path("id").asText())
                        && "OPENED".equals(e.path("data").path("change").asText()))
                .map(e -> e.path("id").asText())
                .distinct()
                .count();
    }

    private static JsonNode alertFromApi(String status) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode alert : JSON.readTree(system.get("alert-service", "/api/v1/alerts?status=" + status + "&region=371000&kind=LAG").body())) {
                if (WEIHAI_TARGET.equals(alert.path("target").path("id").asText())) {
                    return alert;
                }
            }
            RunningSystem.sleep(200);
        }
        throw new AssertionError("no " + status + " LAG alert for " + WEIHAI_TARGET + " in the alert API");
    }

    private static JsonNode awaitAlertEvent(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode event : seen) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            for (ConsumerRecord<String, String> record : alerts.poll(Duration.ofMillis(500))) {
                JsonNode event = JSON.readTree(record.value());
                assertThat(event.path("type").asText()).isEqualTo("planwatch.alert.v1");
                seen.add(event);
            }
        }
        throw new AssertionError("the expected alert event did not arrive on planwatch.alerts within 90 s; saw " + seen);
    }
}
