package org.planwatch.alert.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.planwatch.alert.service.AlertService;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.EvaluationData;
import org.planwatch.platform.events.EventCodec;
import org.planwatch.platform.events.Topics;

/**
 * Reads {@code planwatch.evaluations} as text and parses it here, so a message that cannot be
 * read goes to {@code planwatch.evaluations.dlq} instead of stopping the consumer.
 */
@ApplicationScoped
public class EvaluationConsumer {

    private final EventCodec codec;
    private final AlertService alerts;

    public EvaluationConsumer(EventCodec codec, AlertService alerts) {
        this.codec = codec;
        this.alerts = alerts;
    }

    @Incoming("evaluations")
    @Blocking
    public void consume(String message) {
        CloudEvent event = codec.read(message, Topics.EVALUATION_TYPE);
        alerts.onEvaluation(event.id(), codec.data(event, EvaluationData.class));
    }
}
