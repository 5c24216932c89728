package org.planwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.platform.problem.ProblemException;

/** Creates, changes and deletes subscriptions; the request is validated by {@link SubscriptionRequest#validate}. */
@ApplicationScoped
public class SubscriptionService {

    private final Clock clock;

    public SubscriptionService(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public Subscription create(SubscriptionRequest request) {
        request.validate(true);
        Subscription subscription = new Subscription();
        subscription.createdAt = OffsetDateTime.now(clock);
        request.applyTo(subscription, subscription.createdAt);
        subscription.persist();
        return subscription;
    }

    /** Replaces a subscription; the webhook secret is kept when the request leaves it out for the same webhook. */
    @Transactional
    public Subscription replace(long id, SubscriptionRequest request) {
        Subscription subscription = get(id);
        request.validate(subscription.webhookSecret == null);
        request.applyTo(subscription, OffsetDateTime.now(clock));
        return subscription;
    }

    /** Soft delete: the deliveries already made keep their subscription; pending ones fail. */
    @Transactional
    public void delete(long id) {
        Subscription subscription = get(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        subscription.deletedAt = now;
        Subscription.getEntityManager().createNativeQuery("update delivery set status = 'FAILED', next_attempt_at = null, "
                + "last_error = 'the subscription was deleted' where subscription_id = ?1 and status = 'PENDING'")
                .setParameter(1, id)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Subscription get(long id) {
        Subscription subscription = Subscription.findById(id);
        if (subscription == null || subscription.deletedAt != null) {
            throw ProblemException.notFound("subscription", Long.toString(id));
        }
        return subscription;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Subscription> list() {
        return Subscription.active();
    }
}
