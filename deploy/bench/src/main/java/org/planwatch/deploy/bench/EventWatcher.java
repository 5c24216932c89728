package org.planwatch.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code planwatch.evaluations} and {@code planwatch.alerts} as they are written and notes
 * when each event arrived: distinct evaluated targets, opened alerts, and the alert that answers
 * each latency probe (matched by fingerprint and the observation revision in its evidence).
 */
final class EventWatcher implements AutoCloseable {

    private final ObjectMapper json;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    final Set<String> evaluatedTargets = ConcurrentHashMap.newKeySet();
    final AtomicLong evaluationEvents = new AtomicLong();
    final Set<String> openedFingerprints = ConcurrentHashMap.newKeySet();
    final AtomicLong alertEvents = new AtomicLong();
    final AtomicLong lastEvaluationNanos = new AtomicLong();
    final AtomicLong lastAlertNanos = new AtomicLong();
    /** targetId#revision → arrival of the alert change that revision caused. */
    final ConcurrentHashMap<String, Long> alertArrivals = new ConcurrentHashMap<>();
    /** Probe figures, observationId#revision → arrival of their observation event and of their evaluation event. */
    final ConcurrentHashMap<String, Long> observationArrivals = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Long> evaluationArrivals = new ConcurrentHashMap<>();

    /** Wall-clock start (ms): records sent before it belong to an earlier run on the same broker. */
    private final long startedAt = System.currentTimeMillis();

    /** Events of the probe's targets are kept out of the month-end counts. */
    private final String probeRegion;

    /** Every record of every topic read, for a caller that keeps its own account (the fault drill). */
    private final java.util.function.Consumer<ConsumerRecord<String, String>> tap;

    EventWatcher(String bootstrap, ObjectMapper json, String probeRegion) {
        this(bootstrap, json, probeRegion, List.of(), record -> { });
    }

    /** Also reads {@code moreTopics} and hands every record to {@code tap} as it arrives. */
    EventWatcher(String bootstrap, ObjectMapper json, String probeRegion, List<String> moreTopics,
            java.util.function.Consumer<ConsumerRecord<String, String>> tap) {
        this.json = json;
        this.probeRegion = probeRegion;
        this.tap = tap;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Latency is measured at arrival here: do not let the fetch wait for more bytes.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        // Observations are read too, to split a probe's latency into its stages.
        Set<String> topics = new java.util.LinkedHashSet<>(List.of("planwatch.evaluations", "planwatch.alerts",
                "planwatch.observations"));
        topics.addAll(moreTopics);
        consumer.subscribe(topics);
        thread = new Thread(this::run, "bench-event-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                long now = System.nanoTime();
                tap.accept(record);
                if (record.timestamp() < startedAt) {
                    // An earlier catalog size's event on the same broker: the same probe targets and revisions recur.
                    continue;
                }
                if (record.topic().equals("planwatch.observations")) {
                    if (record.key().endsWith("|" + probeRegion)) {
                        stage(observationArrivals, record.value(), "revision", now);
                    }
                } else if (record.topic().equals("planwatch.evaluations")) {
                    if (monthEndTarget(record.key())) {
                        evaluationEvents.incrementAndGet();
                        evaluatedTargets.add(record.key());
                        lastEvaluationNanos.set(now);
                    } else if (record.key().endsWith("-" + probeRegion)) {
                        stage(evaluationArrivals, record.value(), "observationRevision", now);
                    }
                } else {
                    alert(record.value(), now);
                }
            }
        }
        consumer.close();
    }

    /**
     * A target of the synthetic catalog other than the probe's: the month-end counts leave out the probe and the
     * built-in catalog (its deadline sweep judges the real plans' overdue targets MISSED during a run).
     */
    private boolean monthEndTarget(String targetId) {
        return targetId.startsWith(NationalCatalog.TARGET_PREFIX) && !targetId.endsWith("-" + probeRegion);
    }

    private void stage(Map<String, Long> arrivals, String value, String revisionField, long now) {
        try {
            JsonNode data = json.readTree(value).path("data");
            arrivals.putIfAbsent(data.path("observationId").asText() + "#" + data.path(revisionField).asInt(), now);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a probe's event is not JSON: " + e.getMessage(), e);
        }
    }

    private void alert(String value, long now) {
        try {
            JsonNode data = json.readTree(value).path("data");
            String fingerprint = data.path("fingerprint").asText();
            String target = data.path("target").path("id").asText();
            if (monthEndTarget(target)) {
                alertEvents.incrementAndGet();
                lastAlertNanos.set(now);
                if ("OPENED".equals(data.path("change").asText())) {
                    openedFingerprints.add(fingerprint);
                }
            }
            JsonNode revision = data.path("evidence").path("observationRevision");
            if (!revision.isMissingNode()) {
                alertArrivals.putIfAbsent(target + "#" + revision.asInt(), now);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("planwatch.alerts carries an event that is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
