package org.planwatch.indicator.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.planwatch.indicator.service.EvaluationService;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.ObservationData;
import org.planwatch.platform.events.Topics;

/**
 * Reads {@code planwatch.observations} as text and parses it here, so a message that cannot be
 * read goes to {@code planwatch.observations.dlq} instead of stopping the consumer.
 */
@ApplicationScoped
public class ObservationConsumer {

    private final EventCodec codec;
    private final EvaluationService evaluations;

    public ObservationConsumer(EventCodec codec, EvaluationService evaluations) {
        this.codec = codec;
        this.evaluations = evaluations;
    }

    @Incoming("observations")
    @Blocking
    public void consume(String message) {
        CloudEvent event = codec.read(message, Topics.OBSERVATION_TYPE);
        evaluations.evaluate(event.id(), codec.data(event, ObservationData.class));
    }
}
