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

    @Test
    void theOnePassReadGivesWhatTheTreeReadGives() {
        ObservationData figure = new ObservationData("gdp|371681|2025-06", "gdp", "371681", "2025-06",
                new BigDecimal("1400.50"), "亿元", "cumulative", 2, "statistics bureau", OffsetDateTime.parse("2025-07-10T00:30:00Z"),
                "clerk@371681");
        String json = codec.write(codec.envelope("/planwatch/ingest-service", Topics.OBSERVATION_TYPE, figure.observationId(),
                figure.receivedAt(), figure));

        EventCodec.Received<ObservationData> read = codec.readData(json, Topics.OBSERVATION_TYPE, ObservationData.class);

        CloudEvent tree = codec.read(json, Topics.OBSERVATION_TYPE);
        assertThat(read.id()).isEqualTo(tree.id());
        assertThat(read.data()).isEqualTo(codec.data(tree, ObservationData.class)).isEqualTo(figure);
        assertThat(read.data().value()).as("decimals exact, trailing zero kept").isEqualByComparingTo("1400.50")
                .hasToString("1400.50");
    }

    @Test
    void theOnePassReadNamesWhatIsWrongWithAPoisonMessage() {
        String other = codec.write(codec.envelope("/planwatch/ingest-service", Topics.OBSERVATION_TYPE, "s", OffsetDateTime.now(),
                new ReportData.RegionRef("371681", "邹平市")));
        assertThatThrownBy(() -> codec.readData(other, Topics.EVALUATION_TYPE, EvaluationData.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(Topics.EVALUATION_TYPE);
        assertThatThrownBy(() -> codec.readData("{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"" + Topics.OBSERVATION_TYPE
                + "\",\"data\":[1,2]}", Topics.OBSERVATION_TYPE, ObservationData.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("no data object");
        assertThatThrownBy(() -> codec.readData("{\"specversion\":\"1.0\",\"type\":\"" + Topics.OBSERVATION_TYPE
                + "\",\"data\":{}}", Topics.OBSERVATION_TYPE, ObservationData.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("no id");
        assertThatThrownBy(() -> codec.readData("not json at all", Topics.OBSERVATION_TYPE, ObservationData.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a CloudEvent");
        assertThatThrownBy(() -> codec.readData(null, Topics.OBSERVATION_TYPE, ObservationData.class))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("empty");
    }
}
