package org.planwatch.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The idempotent-consumer ledger: a consumer records each event id in {@code processed_event}
 * in the same transaction as its effect, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Of {@code eventIds}, those {@code consumer} sees for the first time (one statement for a whole batch). */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public java.util.List<String> firstDeliveries(String consumer, java.util.List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return java.util.List.of();
        }
        return entityManager.createNativeQuery("""
                insert into processed_event (consumer, event_id) select ?1, unnest(cast(?2 as text[]))
                on conflict do nothing returning event_id""")
                .setParameter(1, consumer)
                .setParameter(2, eventIds.toArray(String[]::new))
                .getResultList();
    }

    /** True the first time {@code consumer} sees {@code eventId}; false for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return entityManager.createNativeQuery(
                "insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }
}
