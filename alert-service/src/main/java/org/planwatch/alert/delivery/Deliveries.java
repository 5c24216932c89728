package org.planwatch.alert.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.planwatch.alert.config.AlertConfig;
import org.planwatch.alert.domain.Delivery;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.alert.routing.Routing;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.EventCodec;

/**
 * The webhook outbox: one PENDING delivery row per matching subscription that wants the change, written in the
 * transaction of the alert change, so a change is delivered if and only if it was stored.
 */
@ApplicationScoped
public class Deliveries {

    private final EventCodec codec;
    private final Clock clock;
    private final AlertConfig.Delivery config;
    private final Event<DeliveriesQueued> queued;

    public Deliveries(EventCodec codec, Clock clock, AlertConfig config, Event<DeliveriesQueued> queued) {
        this.codec = codec;
        this.clock = clock;
        this.config = config.delivery();
        this.queued = queued;
    }

    /** Fired when rows were queued; observed after the commit to send without waiting for the next poll. */
    public record DeliveriesQueued(int count) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(long alertId, String change, CloudEvent event, List<Subscription> matching) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String payload = null;
        int count = 0;
        for (Subscription subscription : matching) {
            if (!subscription.hasWebhook() || !Routing.notifies(subscription, change)) {
                continue;
            }
            payload = payload == null ? codec.write(event) : payload;
            Delivery delivery = new Delivery();
            delivery.alertId = alertId;
            delivery.subscriptionId = subscription.id;
            delivery.eventId = event.id();
            delivery.change = change;
            delivery.payload = payload;
            delivery.status = "PENDING";
            delivery.createdAt = now;
            delivery.nextAttemptAt = now;
            delivery.giveUpAt = now.plus(config.giveUpAfter());
            delivery.persist();
            count++;
        }
        if (count > 0) {
            queued.fire(new DeliveriesQueued(count));
        }
    }
}
