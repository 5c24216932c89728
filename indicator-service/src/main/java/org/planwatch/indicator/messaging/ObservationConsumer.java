package org.planwatch.indicator.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.planwatch.indicator.service.EvaluationService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.inbox.DatabaseOutage;
import org.planwatch.platform.events.DeadLetters;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.MalformedEventException;
import org.planwatch.platform.events.ObservationData;
import org.planwatch.platform.events.Topics;

/**
 * Reads {@code planwatch.observations} a poll at a time and evaluates the batch in one
 * transaction (one commit per batch, not per figure: what makes a month-end fast). A message
 * that cannot be read goes to {@code planwatch.observations.dlq} on its own; when the batch
 * fails, its figures are evaluated one by one, so one bad figure never sends good ones away.
 */
@ApplicationScoped
public class ObservationConsumer {

    /** How long a consumer waits before trying a batch again while the database cannot be reached. */
    private static final java.time.Duration OUTAGE_PAUSE = java.time.Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ObservationConsumer.class);

    private final EventCodec codec;
    private final EvaluationService evaluations;
    private final MutinyEmitter<String> deadLetters;

    public ObservationConsumer(EventCodec codec, EvaluationService evaluations,
            @Channel("observations-dlq") MutinyEmitter<String> deadLetters) {
        this.codec = codec;
        this.evaluations = evaluations;
        this.deadLetters = deadLetters;
    }

    @Incoming("observations")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<EvaluationService.Delivery> deliveries = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent event = codec.read(record.value(), Topics.OBSERVATION_TYPE);
                deliveries.add(new EvaluationService.Delivery(event.id(), codec.data(event, ObservationData.class)));
                readable.add(record);
            } catch (MalformedEventException e) {
                deadLetter(record, e);
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            DatabaseOutage.retryWhileUnavailable(() -> evaluations.evaluateAll(deliveries), OUTAGE_PAUSE);
        } catch (RuntimeException e) {
            LOG.warnf("A batch of %d observations failed (%s); evaluating them one by one",
                    deliveries.size(), e.getMessage());
            for (int i = 0; i < deliveries.size(); i++) {
                try {
                    EvaluationService.Delivery delivery = deliveries.get(i);
                    DatabaseOutage.retryWhileUnavailable(() -> evaluations.evaluate(delivery.eventId(), delivery.observation()), OUTAGE_PAUSE);
                } catch (RuntimeException single) {
                    deadLetter(readable.get(i), single);
                }
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, RuntimeException reason) {
        LOG.warnf("Observation message sent to %s.dlq: %s", Topics.OBSERVATIONS, reason.getMessage());
        deadLetters.sendMessageAndAwait(DeadLetters.of(record, reason));
    }
}
