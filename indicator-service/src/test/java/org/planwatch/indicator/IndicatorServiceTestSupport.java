package org.planwatch.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.ObservationData;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.Topics;

/** Real Kafka clients against the test broker, and observation events as ingest-service writes them. */
public final class IndicatorServiceTestSupport {

    public static final ObjectMapper JSON = PlanwatchJackson.newMapper();

    private IndicatorServiceTestSupport() {
    }

    public static KafkaCompanion kafka() {
        return new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public static String observationEvent(String indicator, String region, String period, String value, String unit,
            int revision) throws Exception {
        ObservationData data = new ObservationData(indicator + "|" + region + "|" + period, indicator, region, period,
                new BigDecimal(value), unit, "level", revision, "test", OffsetDateTime.now(ZoneOffset.UTC), "bureau-" + region);
        JsonNode tree = JSON.valueToTree(data);
        CloudEvent event = CloudEvent.of("/planwatch/test", Topics.OBSERVATION_TYPE, data.observationId(),
                OffsetDateTime.now(ZoneOffset.UTC), tree);
        return JSON.writeValueAsString(event);
    }

    public static String randomId() {
        return UUID.randomUUID().toString();
    }
}
