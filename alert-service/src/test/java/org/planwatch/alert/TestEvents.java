package org.planwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.ReportData;
import org.planwatch.platform.events.Topics;

/** Evaluation and report events as indicator-service and ingest-service publish them, and the alert events that follow. */
final class TestEvents {

    static final ObjectMapper JSON = PlanwatchJackson.newMapper();
    private static final AtomicLong EVALUATION_IDS = new AtomicLong(50_000);

    private TestEvents() {
    }

    /** A target of {@code plan} in {@code region} led by {@code leads}, judged {@code status} for {@code period}. */
    static String evaluation(String plan, String targetId, String region, List<String> leads, String period, String status) {
        return evaluation(plan, targetId, region, "泰安市", leads, period, status);
    }

    /** As above, in a region named {@code regionZh}. */
    static String evaluation(String plan, String targetId, String region, String regionZh, List<String> leads, String period,
            String status) {
        EvaluationData data = new EvaluationData(EVALUATION_IDS.incrementAndGet(), targetId, 1,
                new EvaluationData.PlanRef(plan, "泰安市科技创新行动计划", "泰政办发〔2023〕5号"),
                new EvaluationData.IndicatorRef("rd_intensity", "研发经费投入强度", "R&D intensity", "%"),
                new EvaluationData.RegionRef(region, regionZh), period, period, targetId + "|" + period, 1,
                new BigDecimal("2.3"), new BigDecimal("2.5"), new BigDecimal("2.8"), new BigDecimal("-0.2"), 0.5,
                status, "滞后", new EvaluationData.BaselineRef(new BigDecimal("2.1"), "2022"), ">=", "2026", "linear",
                leads, List.of("市财政局"), new EvaluationData.SourceRef("003_tai_an.txt", "研发经费投入强度达到2.8%"),
                "linear: …", null, OffsetDateTime.now(ZoneOffset.UTC));
        return envelope(Topics.EVALUATION_TYPE, targetId, data);
    }

    static String report(String indicator, String region, String regionZh, String period, LocalDate due, String status,
            Instant checkedAt) {
        ReportData data = new ReportData(new ReportData.IndicatorRef(indicator, "规模以上工业增加值"),
                new ReportData.RegionRef(region, regionZh), period, "monthly", due, status,
                ReportData.RECEIVED.equals(status) ? checkedAt : null, checkedAt,
                ReportData.RECEIVED.equals(status) ? indicator + "|" + region + "|" + period : null);
        return envelope(Topics.REPORT_TYPE, data.seriesKey() + "|" + period, data);
    }

    private static String envelope(String type, String subject, Object data) {
        try {
            return JSON.writeValueAsString(CloudEvent.of("/planwatch/test", type, subject, OffsetDateTime.now(ZoneOffset.UTC),
                    JSON.valueToTree(data)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void send(KafkaCompanion kafka, String topic, String key, String event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, event)).awaitCompletion();
    }

    static void sendEvaluation(KafkaCompanion kafka, String event) {
        try {
            send(kafka, Topics.EVALUATIONS, JSON.readTree(event).path("data").path("targetId").asText(), event);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the alert event of {@code change} on {@code fingerprint}. */
    static JsonNode awaitAlert(ConsumerTask<String, String> alerts, String fingerprint, String change) {
        return Awaitility.await("a " + change + " event for " + fingerprint).atMost(Duration.ofSeconds(30))
                .until(() -> find(alerts, fingerprint, change), Optional::isPresent).orElseThrow();
    }

    static List<JsonNode> alertEvents(ConsumerTask<String, String> alerts, String fingerprint) {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : new ArrayList<>(alerts.getRecords())) {
            if (fingerprint.equals(record.key())) {
                try {
                    events.add(JSON.readTree(record.value()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return events;
    }

    private static Optional<JsonNode> find(ConsumerTask<String, String> alerts, String fingerprint, String change) {
        return alertEvents(alerts, fingerprint).stream()
                .filter(event -> change.equals(event.path("data").path("change").asText())).findFirst();
    }
}
