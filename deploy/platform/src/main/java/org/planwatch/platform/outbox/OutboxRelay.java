package org.planwatch.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to Kafka in insertion order and deletes them once the broker has
 * acknowledged them ({@code acks=all}). One relay runs at a time across the replicas of a service
 * (a PostgreSQL advisory lock keyed by the service's own outbox table), which keeps per-key order;
 * a row whose send fails stays and is retried, so consumers see every event at least once and
 * deduplicate by event id.
 * <p>
 * It sends with a Kafka producer of its own (idempotent, {@code acks=all}), configured from the application's
 * {@code kafka.*} properties: through a messaging emitter every event also passed a reactive pipeline and a
 * context capture, and the relay had to send from a second thread so no transaction travelled with the callbacks.
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
    private final KafkaProducer<String, String> producer;
    private final KafkaClientMetrics producerMetrics;
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
    private final AtomicBoolean drainRequested = new AtomicBoolean();

    public OutboxRelay(EntityManager entityManager,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "planwatch.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "planwatch.outbox.send-timeout", defaultValue = "PT30S") Duration sendTimeout,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.producer = new KafkaProducer<>(producerConfig(kafka, application, sendTimeout), new StringSerializer(),
                new StringSerializer());
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
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

    /**
     * The application's {@code kafka.*} settings the producer knows (bootstrap servers, security), then the relay's own:
     * every send acknowledged by all in-sync replicas, no duplicates from the producer's retries, and a send that cannot
     * complete within the relay's timeout expired rather than delivered after the batch was given up and sent again.
     */
    static Map<String, Object> producerConfig(Map<String, Object> kafka, String application, Duration sendTimeout) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        int timeoutMs = (int) sendTimeout.toMillis();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        // A batch is flushed as soon as it is handed over, so lingering only adds latency; large batches per partition.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return config;
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        producerMetrics.close();
        producer.close(Duration.ofSeconds(5));
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
     * Sends the rows in order and waits for every acknowledgement; the first failure fails the batch (its rows stay).
     * {@code flush} makes the batch go out at once and returns when every send of it has completed.
     */
    private void send(List<Object[]> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            acks.add(producer.send(new ProducerRecord<>((String) row[1], (String) row[2], (String) row[3])));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge outbox events within " + sendTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
