package org.planwatch.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay's producer takes the application's Kafka connection settings and keeps its own delivery guarantees. */
class OutboxRelayConfigTest {

    @Test
    void theConnectionSettingsPassTheConsumerOnesDoNotAndTheGuaranteesCannotBeOverridden() {
        Map<String, Object> config = OutboxRelay.producerConfig(Map.of(
                "bootstrap.servers", "broker-1:9092,broker-2:9092",
                "security.protocol", "SASL_SSL",
                "group.id", "indicator-service",
                "acks", "1",
                "enable.idempotence", "false"), "indicator-service", Duration.ofSeconds(30));

        assertThat(config).containsEntry("bootstrap.servers", "broker-1:9092,broker-2:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("group.id")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("client.id", "indicator-service-outbox")
                .containsEntry("delivery.timeout.ms", 30_000)
                .containsEntry("max.block.ms", 30_000);
        assertThat((int) config.get("delivery.timeout.ms"))
                .as("Kafka refuses a delivery timeout below linger + request timeout")
                .isGreaterThanOrEqualTo((int) config.get("linger.ms") + (int) config.get("request.timeout.ms"));
    }

    @Test
    void aShortSendTimeoutStillMakesAValidProducer() {
        Map<String, Object> config = OutboxRelay.producerConfig(Map.of("bootstrap.servers", "127.0.0.1:9092"), "ingest-service",
                Duration.ofSeconds(2));

        assertThat((int) config.get("delivery.timeout.ms"))
                .isGreaterThanOrEqualTo((int) config.get("linger.ms") + (int) config.get("request.timeout.ms"));
    }
}
