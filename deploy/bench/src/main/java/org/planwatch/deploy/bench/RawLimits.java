package org.planwatch.deploy.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The floors under what planwatch can do on this machine, measured in the same run: a plain
 * Kafka producer ({@code acks=all}) sending records the size of an observation event, and a
 * PostgreSQL {@code COPY} of as many rows into a table shaped like ingest-service's observations.
 */
final class RawLimits {

    private RawLimits() {
    }

    record Measured(long count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    static Measured kafkaProducer(String bootstrap, int records, int recordBytes, int partitions) {
        String topic = "bench.raw-producer";
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String value = "x".repeat(recordBytes);
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "series-" + (i % 10_000), value));
            }
            producer.flush();
        }
        return new Measured(records, (System.nanoTime() - started) / 1e9);
    }

    /** COPY of {@code rows} observation-shaped rows (7 columns, composite primary key), in chunks of 100,000. */
    static Measured postgresCopy(String jdbcUrl, String user, String password, int rows) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists bench_raw cascade");
                statement.execute("create schema bench_raw");
                statement.execute("""
                        create table bench_raw.observation (
                            indicator_code text not null, region_code text not null, period text not null,
                            revision int not null, value numeric not null, unit text not null,
                            received_at timestamptz not null,
                            primary key (indicator_code, region_code, period, revision))""");
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                chunk.append("bench_i").append(i % 200).append('\t').append(500000 + i / 200).append("\t2026-10\t1\t")
                        .append(100 + i % 900).append(".25\t家\t2026-11-23 10:00:00+00\n");
                if ((i + 1) % 100_000 == 0 || i == rows - 1) {
                    copy.copyIn("copy bench_raw.observation from stdin", new StringReader(chunk.toString()));
                    chunk.setLength(0);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop schema bench_raw cascade");
            }
            return new Measured(rows, seconds);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the PostgreSQL COPY measurement failed: " + e.getMessage(), e);
        }
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
