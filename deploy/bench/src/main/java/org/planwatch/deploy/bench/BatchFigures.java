package org.planwatch.deploy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a service spent the run, read from its Prometheus endpoint: the Kafka polls it applied
 * ({@code planwatch_consumer_batch_*}, by topic) and the outbox batches it relayed
 * ({@code planwatch_outbox_batch_*}) — how many, how large, how long each took — and how old a
 * record was when its poll was applied ({@code planwatch_consumer_record_age}) or an event when
 * the broker acknowledged it ({@code planwatch_outbox_event_age}).
 */
record BatchFigures(String name, double batches, double records, double seconds, double aged, double ageSeconds) {

    BatchFigures(String name, double batches, double records, double seconds) {
        this(name, batches, records, seconds, 0, 0);
    }

    double meanAgeMillis() {
        return aged == 0 ? 0 : 1000 * ageSeconds / aged;
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "^(planwatch_(?:consumer|outbox)_(?:batch_size_records|batch_size_events|batch_duration_seconds|record_age_seconds"
                    + "|event_age_seconds)_(?:count|sum))(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern TOPIC = Pattern.compile("topic=\"([^\"]+)\"");

    double recordsPerBatch() {
        return batches == 0 ? 0 : records / batches;
    }

    double millisPerBatch() {
        return batches == 0 ? 0 : 1000 * seconds / batches;
    }

    /** What happened between {@code earlier} (the same service's figures, read before) and these. */
    BatchFigures since(BatchFigures earlier) {
        return earlier == null ? this
                : new BatchFigures(name, batches - earlier.batches, records - earlier.records, seconds - earlier.seconds,
                        aged - earlier.aged, ageSeconds - earlier.ageSeconds);
    }

    /** One entry per consumed topic ("poll of planwatch.x") and one for the outbox relay ("outbox relay"). */
    static Map<String, BatchFigures> read(HttpClient http, String serviceUrl) {
        String body;
        try {
            body = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return parse(body);
    }

    static Map<String, BatchFigures> parse(String metrics) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Matcher sample = SAMPLE.matcher(metrics);
        while (sample.find()) {
            String metric = sample.group(1);
            Matcher topic = TOPIC.matcher(sample.group(2) == null ? "" : sample.group(2));
            String name = metric.startsWith("planwatch_outbox") ? "outbox relay"
                    : "poll of " + (topic.find() ? topic.group(1) : "?");
            double[] values = sums.computeIfAbsent(name, key -> new double[5]);
            double value = Double.parseDouble(sample.group(3));
            if (metric.contains("_size_") && metric.endsWith("_count")) {
                values[0] += value;
            } else if (metric.contains("_size_") && metric.endsWith("_sum")) {
                values[1] += value;
            } else if (metric.contains("_age_") && metric.endsWith("_count")) {
                values[3] += value;
            } else if (metric.contains("_age_") && metric.endsWith("_sum")) {
                values[4] += value;
            } else if (metric.endsWith("duration_seconds_sum")) {
                values[2] += value;
            }
        }
        Map<String, BatchFigures> figures = new LinkedHashMap<>();
        sums.forEach((name, values) -> figures.put(name, new BatchFigures(name, values[0], values[1], values[2], values[3], values[4])));
        return figures;
    }
}
