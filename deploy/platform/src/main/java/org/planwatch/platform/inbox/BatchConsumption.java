package org.planwatch.platform.inbox;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;
import org.planwatch.platform.events.MalformedEventException;

/**
 * What every batch consumer does with a Kafka poll: reads each message (one it cannot read goes to
 * the dead-letter topic on its own), applies the readable ones in one transaction, waits out a
 * database outage rather than dead-lettering the batch, and when the batch fails for another
 * reason applies its events one by one, so one bad event never sends good ones away.
 */
public final class BatchConsumption {

    /** How long a consumer waits before trying again while the database cannot be reached. */
    private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(BatchConsumption.class);

    private BatchConsumption() {
    }

    /**
     * @param read turns a message into the event the service applies; throws {@link MalformedEventException}
     * @param apply applies events in order, in one transaction
     * @param deadLetter sends a record to the dead-letter topic with the reason
     * @param registry where the size of each poll, the time to apply it and the age of its records when applied are
     *     recorded ({@code planwatch.consumer.batch.size}, {@code .batch.duration}, {@code .record.age}, by topic)
     */
    public static <T> void consume(ConsumerRecords<String, String> records, Function<String, T> read,
            Consumer<List<T>> apply, BiConsumer<ConsumerRecord<String, String>, RuntimeException> deadLetter,
            MeterRegistry registry) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.iterator().next().topic();
        DistributionSummary.builder("planwatch.consumer.batch.size").description("Records in a Kafka poll applied together")
                .baseUnit("records").tag("topic", topic).register(registry).record(records.count());
        // How long each record waited between its producer and this consumer (queue and poll, not processing).
        Timer age = Timer.builder("planwatch.consumer.record.age")
                .description("Time from a record's send to the start of applying its poll").tag("topic", topic).register(registry);
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, String> record : records) {
            age.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
        }
        Timer.Sample sample = Timer.start(registry);
        try {
            consume(records, read, apply, deadLetter);
        } finally {
            sample.stop(Timer.builder("planwatch.consumer.batch.duration")
                    .description("Time to apply a Kafka poll, its transaction included").tag("topic", topic).register(registry));
        }
    }

    private static <T> void consume(ConsumerRecords<String, String> records, Function<String, T> read,
            Consumer<List<T>> apply, BiConsumer<ConsumerRecord<String, String>, RuntimeException> deadLetter) {
        List<T> events = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(read.apply(record.value()));
                readable.add(record);
            } catch (MalformedEventException e) {
                deadLetter.accept(record, e);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            DatabaseOutage.retryWhileUnavailable(() -> apply.accept(events), OUTAGE_PAUSE);
        } catch (RuntimeException e) {
            LOG.warnf("A batch of %d events from %s failed (%s); applying them one by one",
                    events.size(), readable.get(0).topic(), e.getMessage());
            for (int i = 0; i < events.size(); i++) {
                List<T> one = List.of(events.get(i));
                try {
                    DatabaseOutage.retryWhileUnavailable(() -> apply.accept(one), OUTAGE_PAUSE);
                } catch (RuntimeException single) {
                    deadLetter.accept(readable.get(i), single);
                }
            }
        }
    }
}
