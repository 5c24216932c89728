package org.planwatch.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** An event's data is written once, straight into the envelope's JSON, and read back as the same record. */
class EventCodecTest {

    private final EventCodec codec = new EventCodec(PlanwatchJackson.newMapper());

    @Test
    void anEnvelopeIsWrittenWithItsDataExactAndReadBackAsTheSameRecord() {
        ObservationData figure = new ObservationData("gdp|371681|2025-06", "gdp", "371681", "2025-06",
                new BigDecimal("1400.50"), "亿元", "cumulative", 2, "statistics bureau", OffsetDateTime.parse("2025-07-10T00:30:00Z"),
                "clerk@371681");
        CloudEvent event = codec.envelope("/planwatch/ingest-service", Topics.OBSERVATION_TYPE, figure.observationId(),
                figure.receivedAt(), figure);

        String json = codec.write(event);

        assertThat(json).contains("\"value\":1400.50").contains("\"receivedAt\":\"2025-07-10T00:30:00Z\"")
                .contains("\"unit\":\"亿元\"");
        CloudEvent read = codec.read(json, Topics.OBSERVATION_TYPE);
        assertThat(read.id()).isEqualTo(event.id());
        assertThat(read.subject()).isEqualTo("gdp|371681|2025-06");
        assertThat(codec.data(read, ObservationData.class)).isEqualTo(figure);
        assertThat(codec.data(event, ObservationData.class)).as("the sender's own copy reads the same").isEqualTo(figure);
    }

    @Test
    void anEventOfAnotherTypeIsAPoisonMessage() {
        CloudEvent event = codec.envelope("/planwatch/ingest-service", Topics.OBSERVATION_TYPE, "s", OffsetDateTime.now(),
                new ReportData.RegionRef("371681", "邹平市"));
        assertThatThrownBy(() -> codec.read(codec.write(event), Topics.EVALUATION_TYPE))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(Topics.EVALUATION_TYPE);
    }
}
