package org.planwatch.alert.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.planwatch.alert.config.AlertConfig;
import org.planwatch.alert.domain.Delivery;

/** The delivery rows' transitions: claiming due ones (safe across replicas) and recording each attempt's outcome. */
@ApplicationScoped
public class DeliveryStore {

    private final EntityManager entityManager;
    private final Clock clock;
    private final AlertConfig.Delivery config;

    public DeliveryStore(EntityManager entityManager, Clock clock, AlertConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config.delivery();
    }

    /** A delivery taken for one attempt, with where and how to send it. */
    public record Claimed(long id, String eventId, String payload, String url, String secret) {
    }

    public enum Outcome { DELIVERED, RETRIED, FAILED }

    /**
     * Claims up to {@code batchSize} due deliveries: rows locked by another replica are skipped, and each claimed row's
     * next attempt moves past the attempt's longest possible duration (a lease), so no other poll takes it meanwhile
     * and a crash mid-send only delays the retry. A deleted subscription's deliveries fail.
     */
    @Transactional
    public List<Claimed> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime lease = now.plus(config.timeout().multipliedBy(2)).plus(Duration.ofSeconds(5));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "update delivery d set next_attempt_at = ?2 from subscription s "
                        + "where d.subscription_id = s.id and d.id in (select id from delivery where status = 'PENDING' "
                        + "and next_attempt_at <= ?1 order by next_attempt_at, id limit ?3 for update skip locked) "
                        + "returning d.id, d.event_id, d.payload, s.webhook_url, s.webhook_secret, s.deleted_at")
                .setParameter(1, now)
                .setParameter(2, lease)
                .setParameter(3, config.batchSize())
                .getResultList();
        return rows.stream()
                .filter(row -> {
                    if (row[5] != null || row[3] == null) {
                        fail(((Number) row[0]).longValue(), "the subscription was deleted or has no webhook");
                        return false;
                    }
                    return true;
                })
                .map(row -> new Claimed(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                        (String) row[4]))
                .toList();
    }

    /**
     * Records one attempt: delivered; or retried after an exponential backoff; or failed once the window is over.
     * Null when the delivery is no longer pending.
     */
    @Transactional
    public Outcome complete(long id, Integer httpStatus, String error) {
        Delivery delivery = Delivery.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !"PENDING".equals(delivery.status)) {
            // Failed meanwhile (its subscription was deleted): the late answer changes nothing.
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        delivery.attempts++;
        delivery.lastHttpStatus = httpStatus;
        delivery.lastError = error;
        if (error == null) {
            delivery.status = "DELIVERED";
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
            return Outcome.DELIVERED;
        }
        if (!now.isBefore(delivery.giveUpAt)) {
            delivery.status = "FAILED";
            delivery.nextAttemptAt = null;
            return Outcome.FAILED;
        }
        OffsetDateTime next = now.plus(backoff(delivery.attempts, config.initialBackoff(), config.maxBackoff()));
        delivery.nextAttemptAt = next.isAfter(delivery.giveUpAt) ? delivery.giveUpAt : next;
        return Outcome.RETRIED;
    }

    /** Wait after the n-th failed attempt: initial, doubled each time, at most {@code max}. */
    static Duration backoff(int attempts, Duration initial, Duration max) {
        Duration wait = initial;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void fail(long id, String error) {
        Delivery delivery = Delivery.findById(id);
        delivery.status = "FAILED";
        delivery.lastError = error;
        delivery.nextAttemptAt = null;
    }
}
