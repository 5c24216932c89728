package org.planwatch.alert.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.planwatch.alert.service.AlertService;
import org.planwatch.platform.events.DeadLetters;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.Topics;
import org.planwatch.platform.inbox.BatchConsumption;

/**
 * Reads {@code planwatch.evaluations} a poll at a time and applies the batch in one transaction
 * (one commit per batch, not per evaluation); unreadable messages, database outages and failing
 * batches are handled as {@link BatchConsumption} says.
 */
@ApplicationScoped
public class EvaluationConsumer {

    private static final Logger LOG = Logger.getLogger(EvaluationConsumer.class);

    private final EventCodec codec;
    private final AlertService alerts;
    private final MutinyEmitter<String> deadLetters;
    private final MeterRegistry registry;

    public EvaluationConsumer(EventCodec codec, AlertService alerts,
            @Channel("evaluations-dlq") MutinyEmitter<String> deadLetters, MeterRegistry registry) {
        this.codec = codec;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming("evaluations")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        BatchConsumption.consume(records, this::read, alerts::onEvaluations, this::deadLetter, registry);
    }

    private AlertService.Delivery read(String message) {
        EventCodec.Received<EvaluationData> event = codec.readData(message, Topics.EVALUATION_TYPE, EvaluationData.class);
        return new AlertService.Delivery(event.id(), event.data());
    }

    private void deadLetter(ConsumerRecord<String, String> record, RuntimeException reason) {
        LOG.warnf("Evaluation message sent to %s.dlq: %s", Topics.EVALUATIONS, reason.getMessage());
        deadLetters.sendMessageAndAwait(DeadLetters.of(record, reason));
    }
}
