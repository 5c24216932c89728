package org.planwatch.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchFiguresTest {

    @Test
    void readsConsumerPollsByTopicAndTheRelayFromPrometheusText() {
        String metrics = """
                # TYPE planwatch_consumer_batch_size summary
                planwatch_consumer_batch_size_records_count{topic="planwatch.observations"} 4.0
                planwatch_consumer_batch_size_records_sum{topic="planwatch.observations"} 1000.0
                planwatch_consumer_batch_duration_seconds_count{topic="planwatch.observations"} 4.0
                planwatch_consumer_batch_duration_seconds_sum{topic="planwatch.observations"} 2.0
                planwatch_consumer_batch_duration_seconds_max{topic="planwatch.observations"} 0.9
                planwatch_consumer_record_age_seconds_count{topic="planwatch.observations"} 1000.0
                planwatch_consumer_record_age_seconds_sum{topic="planwatch.observations"} 30.0
                planwatch_outbox_event_age_seconds_count 3000.0
                planwatch_outbox_event_age_seconds_sum 600.0
                planwatch_outbox_batch_size_events_count 10.0
                planwatch_outbox_batch_size_events_sum 3000.0
                planwatch_outbox_batch_duration_seconds_count 10.0
                planwatch_outbox_batch_duration_seconds_sum 0.5
                planwatch_outbox_relayed_events_total 3000.0
                """;
        Map<String, BatchFigures> figures = BatchFigures.parse(metrics);

        BatchFigures polls = figures.get("poll of planwatch.observations");
        assertEquals(250, polls.recordsPerBatch(), 1e-9);
        assertEquals(500, polls.millisPerBatch(), 1e-9);
        assertEquals(30, polls.meanAgeMillis(), 1e-9);
        BatchFigures relay = figures.get("outbox relay");
        assertEquals(300, relay.recordsPerBatch(), 1e-9);
        assertEquals(50, relay.millisPerBatch(), 1e-9);
        assertEquals(200, relay.meanAgeMillis(), 1e-9);
        assertEquals(2, figures.size());
    }

    @Test
    void theMonthEndIsWhatHappenedBetweenTwoReadings() {
        BatchFigures before = new BatchFigures("outbox relay", 400, 400, 20);
        BatchFigures after = new BatchFigures("outbox relay", 420, 10_400, 22);

        BatchFigures monthEnd = after.since(before);

        assertEquals(500, monthEnd.recordsPerBatch(), 1e-9);
        assertEquals(100, monthEnd.millisPerBatch(), 1e-9);
        assertEquals(after, after.since(null));
    }
}
