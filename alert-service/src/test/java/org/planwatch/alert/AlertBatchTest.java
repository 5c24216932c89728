package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.AlertHistory;
import org.planwatch.alert.service.AlertService;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.Topics;

/**
 * A poll of evaluations is applied in one transaction whose new alerts, history rows and events are written together
 * at the commit (ids allocated ahead, inserts grouped by table): a poll that reopens one alert and opens others must
 * still leave every alert with its history and every change on {@code planwatch.alerts}, in order.
 */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class AlertBatchTest {

    @Inject
    AlertService alerts;

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> published;

    @BeforeEach
    void listen() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        published = kafka.consumeStrings().fromTopics(Topics.ALERTS);
    }

    @AfterEach
    void stopListening() {
        published.stop();
        kafka.close();
    }

    @Test
    void aPollThatReopensOneAlertAndOpensOthersKeepsEveryHistoryAndEvent() {
        String reopened = "batch.grain_output-2025";
        String opened = "batch.fresh_water-2025";
        String lagging = "batch.rd_intensity-2026";
        apply(hold(reopened, "2023", "BREACHED"));
        apply(hold(reopened, "2024", "ON_TRACK"));
        assertThat(alert(reopened + ":BREACH").status).isEqualTo("RESOLVED");

        // One poll: the reopening comes first, so its history row is queued before the new alerts' rows.
        apply(hold(reopened, "2025", "BREACHED"), hold(opened, "2025", "BREACHED"),
                TestEvents.evaluation("batch", lagging, "370900", List.of("市科技局"), "2025", "LAGGING"));

        for (String fingerprint : List.of(reopened + ":BREACH", opened + ":BREACH", lagging + ":LAG")) {
            Alert alert = alert(fingerprint);
            List<String> changes = QuarkusTransaction.requiringNew().call(() -> AlertHistory.<AlertHistory>list(
                    "alertId = ?1 order by id", alert.id).stream().map(history -> history.change).toList());
            assertThat(changes).as(fingerprint)
                    .isEqualTo(fingerprint.startsWith(reopened) ? List.of("OPENED", "RESOLVED", "REOPENED") : List.of("OPENED"));
            assertThat(alert.status).as(fingerprint).isEqualTo("FIRING");
        }
        TestEvents.awaitAlert(published, reopened + ":BREACH", "REOPENED");
        TestEvents.awaitAlert(published, opened + ":BREACH", "OPENED");
        TestEvents.awaitAlert(published, lagging + ":LAG", "OPENED");
        assertThat(TestEvents.alertEvents(published, reopened + ":BREACH").stream()
                .map(event -> event.path("data").path("change").asText()).toList())
                .containsExactly("OPENED", "RESOLVED", "REOPENED");
    }

    /** Read in a transaction of its own, so never an instance an earlier read left in the test's session. */
    private static Alert alert(String fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> Alert.byFingerprint(fingerprint).orElseThrow());
    }

    private static String hold(String target, String period, String status) {
        try {
            return AlertLifecycleTest.evaluation(target, period, status, "ON_TRACK".equals(status) ? 1 : 0, null)
                    .replace("\"trajectory\":\"linear\"", "\"trajectory\":\"hold\"");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void apply(String... events) {
        List<AlertService.Delivery> deliveries = java.util.Arrays.stream(events).map(AlertBatchTest::delivery).toList();
        QuarkusTransaction.requiringNew().run(() -> alerts.onEvaluations(deliveries));
    }

    private static AlertService.Delivery delivery(String event) {
        try {
            JsonNode envelope = TestEvents.JSON.readTree(event);
            return new AlertService.Delivery(envelope.path("id").asText(),
                    TestEvents.JSON.treeToValue(envelope.path("data"), EvaluationData.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
