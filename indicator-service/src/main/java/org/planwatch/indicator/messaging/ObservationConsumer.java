package org.planwatch.indicator.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.planwatch.indicator.service.EvaluationService;
import org.planwatch.platform.events.DeadLetters;
import org.planwatch.platform.events.ObservationData;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.Topics;
import org.planwatch.platform.inbox.BatchConsumption;

/**
 * Reads {@code planwatch.observations} a poll at a time and evaluates the batch in one
 * transaction (one commit per batch, not per figure: what makes a month-end fast); unreadable
 * messages, database outages and failing batches are handled as {@link BatchConsumption} says.
 */
@ApplicationScoped
public class ObservationConsumer {

    private static final Logger LOG = Logger.getLogger(ObservationConsumer.class);

    private final EventCodec codec;
    private final EvaluationService evaluations;
    private final MutinyEmitter<String> deadLetters;
    private final MeterRegistry registry;

    public ObservationConsumer(EventCodec codec, EvaluationService evaluations,
            @Channel("observations-dlq") MutinyEmitter<String> deadLetters, MeterRegistry registry) {
        this.codec = codec;
        this.evaluations = evaluations;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming("observations")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        BatchConsumption.consume(records, this::read, evaluations::evaluateAll, this::deadLetter, registry);
    }

    private EvaluationService.Delivery read(String message) {
        EventCodec.Received<ObservationData> event = codec.readData(message, Topics.OBSERVATION_TYPE, ObservationData.class);
        return new EvaluationService.Delivery(event.id(), event.data());
    }

    private void deadLetter(ConsumerRecord<String, String> record, RuntimeException reason) {
        LOG.warnf("Observation message sent to %s.dlq: %s", Topics.OBSERVATIONS, reason.getMessage());
        deadLetters.sendMessageAndAwait(DeadLetters.of(record, reason));
    }
}
