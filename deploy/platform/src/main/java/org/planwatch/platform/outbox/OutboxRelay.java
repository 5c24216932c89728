package org.planwatch.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to Kafka in insertion order and deletes them once the broker has
 * acknowledged them ({@code acks=all}). One relay runs at a time across the replicas of a service
 * (a PostgreSQL advisory lock keyed by the service's own outbox table), which keeps per-key order;
 * a row whose send fails stays and is retried, so consumers see every event at least once and
 * deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The advisory lock space of outbox relays (two-key locks: this and the oid of the service's
     * {@code outbox_event} table). Advisory locks are database-wide, and the services may share one
     * database with a schema each: a single key would make every service's relay wait for the others'.
     */
    private static final int RELAY_LOCKS = 0x706c7277;

    private final EntityManager entityManager;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Counter relayed;
    private final DistributionSummary batchSizes;
    private final Timer batchDurations;
    private final Timer eventAges;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    /** A plain thread (no managed context), so no transaction travels with the sends. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean drainRequested = new AtomicBoolean();

    public OutboxRelay(EntityManager entityManager,
            @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> emitter,
            @ConfigProperty(name = "planwatch.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "planwatch.outbox.send-timeout", defaultValue = "PT30S") Duration sendTimeout,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.relayed = Counter.builder("planwatch.outbox.relayed")
                .description("Outbox events sent to Kafka and acknowledged")
                .baseUnit("events")
                .register(registry);
        this.batchSizes = DistributionSummary.builder("planwatch.outbox.batch.size")
                .description("Outbox events sent to Kafka in one relay transaction").baseUnit("events").register(registry);
        this.batchDurations = Timer.builder("planwatch.outbox.batch.duration")
                .description("Time of one relay transaction: read, send, wait for the acknowledgements, delete").register(registry);
        this.eventAges = Timer.builder("planwatch.outbox.event.age")
                .description("Time from the start of the transaction that wrote an event to the broker's acknowledgement of it")
                .register(registry);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        requestDrain();
    }


    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        sender.shutdownNow();
    }

    void requestDrain() {
        if (drainRequested.compareAndSet(false, true) && !worker.isShutdown()) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        drainRequested.set(false);
        try {
            int sent;
            do {
                long started = System.nanoTime();
                sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
                if (sent > 0) {
                    batchSizes.record(sent);
                    batchDurations.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            } while (sent == batchSize);
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    /**
     * Sends the rows and waits for every acknowledgement. The sends run on a thread of their own
     * with no transaction on it: sent from the relay's thread, the Kafka callbacks would carry
     * the relay's transaction with them (context propagation), and the commit would then fail
     * with the transaction "active on several threads" — the batch resent, again and again.
     */
    private void send(List<Object[]> rows) {
        java.util.concurrent.Future<?> sent = sender.submit(() -> {
            List<Uni<Void>> acks = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic((String) row[1])
                        .withKey((String) row[2])
                        .build();
                acks.add(emitter.sendMessage(Message.of((String) row[3]).addMetadata(metadata)));
            }
            Uni.join().all(acks).andFailFast().await().atMost(sendTimeout);
        });
        try {
            sent.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new IllegalStateException("interrupted while sending outbox events", e);
        }
    }

    private static Instant writtenAt(Object createdAt) {
        return createdAt instanceof OffsetDateTime time ? time.toInstant()
                : createdAt instanceof Timestamp stamp ? stamp.toInstant() : (Instant) createdAt;
    }

    /** Sends one batch inside a transaction; returns how many events were acknowledged. */
    private int relayBatch() {
        Boolean locked = (Boolean) entityManager
                .createNativeQuery("select pg_try_advisory_xact_lock(?1, 'outbox_event'::regclass::oid::int)")
                .setParameter(1, RELAY_LOCKS)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select id, topic, message_key, payload, created_at from outbox_event order by id limit ?1")
                .setParameter(1, batchSize)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add(((Number) row[0]).longValue());
        }
        send(rows);
        Instant acknowledged = Instant.now();
        for (Object[] row : rows) {
            eventAges.record(Duration.between(writtenAt(row[4]), acknowledged));
        }
        entityManager.createNativeQuery("delete from outbox_event where id = any(?1)")
                .setParameter(1, ids.toArray(Long[]::new))
                .executeUpdate();
        relayed.increment(rows.size());
        return rows.size();
    }
}
