package org.planwatch.alert.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.planwatch.alert.service.AlertService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.inbox.DatabaseOutage;
import org.planwatch.platform.events.DeadLetters;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.MalformedEventException;
import org.planwatch.platform.events.Topics;

/**
 * Reads {@code planwatch.evaluations} a poll at a time and applies the batch in one transaction
 * (one commit per batch, not per evaluation). A message that cannot be read goes to
 * {@code planwatch.evaluations.dlq} on its own; when the batch fails, its evaluations are applied
 * one by one, so one bad event never sends good ones away.
 */
@ApplicationScoped
public class EvaluationConsumer {

    /** How long a consumer waits before trying a batch again while the database cannot be reached. */
    private static final java.time.Duration OUTAGE_PAUSE = java.time.Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(EvaluationConsumer.class);

    private final EventCodec codec;
    private final AlertService alerts;
    private final MutinyEmitter<String> deadLetters;

    public EvaluationConsumer(EventCodec codec, AlertService alerts,
            @Channel("evaluations-dlq") MutinyEmitter<String> deadLetters) {
        this.codec = codec;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
    }

    @Incoming("evaluations")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<AlertService.Delivery> deliveries = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent event = codec.read(record.value(), Topics.EVALUATION_TYPE);
                deliveries.add(new AlertService.Delivery(event.id(), codec.data(event, EvaluationData.class)));
                readable.add(record);
            } catch (MalformedEventException e) {
                deadLetter(record, e);
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            DatabaseOutage.retryWhileUnavailable(() -> alerts.onEvaluations(deliveries), OUTAGE_PAUSE);
        } catch (RuntimeException e) {
            LOG.warnf("A batch of %d evaluations failed (%s); applying them one by one", deliveries.size(), e.getMessage());
            for (int i = 0; i < deliveries.size(); i++) {
                try {
                    AlertService.Delivery delivery = deliveries.get(i);
                    DatabaseOutage.retryWhileUnavailable(() -> alerts.onEvaluation(delivery.eventId(), delivery.evaluation()), OUTAGE_PAUSE);
                } catch (RuntimeException single) {
                    deadLetter(readable.get(i), single);
                }
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, RuntimeException reason) {
        LOG.warnf("Evaluation message sent to %s.dlq: %s", Topics.EVALUATIONS, reason.getMessage());
        deadLetters.sendMessageAndAwait(DeadLetters.of(record, reason));
    }
}
