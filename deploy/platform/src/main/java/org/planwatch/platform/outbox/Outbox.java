package org.planwatch.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.List;
import org.hibernate.Session;
import org.planwatch.platform.events.CloudEvent;
import org.planwatch.platform.events.EventCodec;

/**
 * Transactional outbox: an event is written to the {@code outbox_event} table in the same
 * transaction as the change it describes, so storing and publishing cannot disagree. The
 * {@link OutboxRelay} sends it to Kafka after the commit.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final EventCodec codec;
    private final Event<OutboxWritten> written;

    public Outbox(EntityManager entityManager, EventCodec codec, Event<OutboxWritten> written) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.written = written;
    }

    /** Records the event for publication on {@code topic} under {@code key} (the per-target order key). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, CloudEvent event) {
        entityManager.createNativeQuery("insert into outbox_event (topic, message_key, event_id, payload) values (?1, ?2, ?3, ?4)")
                .setParameter(1, topic)
                .setParameter(2, key)
                .setParameter(3, event.id())
                .setParameter(4, codec.write(event))
                .executeUpdate();
        written.fire(new OutboxWritten(topic));
    }

    /** An event to publish: its topic, its key (the per-series or per-target order key) and itself. */
    public record Pending(String topic, String key, CloudEvent event) {
    }

    /** Records many events as one JDBC batch, in list order (which is the order they are relayed in). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into outbox_event (topic, message_key, event_id, payload) values (?, ?, ?, ?)")) {
                for (Pending pending : events) {
                    insert.setString(1, pending.topic());
                    insert.setString(2, pending.key());
                    insert.setString(3, pending.event().id());
                    insert.setString(4, codec.write(pending.event()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        written.fire(new OutboxWritten(events.get(0).topic()));
    }

    /** Fired for every outbox row; observed after the commit to relay without waiting for the next poll. */
    public record OutboxWritten(String topic) {
    }
}
