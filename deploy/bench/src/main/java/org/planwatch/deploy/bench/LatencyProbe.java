package org.planwatch.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Single figures posted at a steady rate for the probe county, each flipping one target between
 * lagging and on track so that every figure changes an alert (opened, resolved, reopened). The
 * latency of a figure is from its HTTP 2xx to the arrival of that alert change on
 * {@code planwatch.alerts}.
 */
final class LatencyProbe {

    /**
     * Percentiles of figure → alert, and the medians of its three stages: 2xx → the observation
     * event on Kafka (ingest's outbox relay), → the evaluation event (indicator-service), → the
     * alert event (alert-service).
     */
    record Result(int sent, int answered, double p50, double p95, double p99, double max, double observedP50,
            double evaluatedP50, double alertedP50) {
        static Result of(int sent, List<Double> millis, List<Double> observed, List<Double> evaluated, List<Double> alerted) {
            List<Double> sorted = sorted(millis);
            return new Result(sent, sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.95),
                    percentile(sorted, 0.99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
                    percentile(sorted(observed), 0.50), percentile(sorted(evaluated), 0.50), percentile(sorted(alerted), 0.50));
        }

        /** Percentiles of plain latencies, with no stages. */
        static Result of(int sent, List<Double> millis) {
            return of(sent, millis, List.of(), List.of(), List.of());
        }

        private static List<Double> sorted(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Double::compare);
            return sorted;
        }

        private static double percentile(List<Double> sorted, double q) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
        }
    }

    private final NationalCatalog catalog;
    private final MonthEndLoad http;
    private final EventWatcher watcher;
    private final ObjectMapper json;
    private int posted;

    LatencyProbe(NationalCatalog catalog, MonthEndLoad http, EventWatcher watcher, ObjectMapper json) {
        this.catalog = catalog;
        this.http = http;
        this.watcher = watcher;
        this.json = json;
    }

    /** Posts up to {@code count} figures at {@code perSecond} while {@code keepGoing} holds, then waits up to 60 s for their alerts. */
    Result run(int count, int perSecond, java.util.function.BooleanSupplier keepGoing) {
        Map<String, Long> sentAt = new java.util.LinkedHashMap<>();
        Map<String, String> observationOf = new java.util.HashMap<>();
        long interval = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        int sent = 0;
        for (; sent < count && keepGoing.getAsBoolean(); sent++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Pause.millis(wait / 1_000_000);
            }
            next += interval;
            int indicator = posted % NationalCatalog.INDICATORS;
            boolean lagging = (posted / NationalCatalog.INDICATORS) % 2 == 0;
            posted++;
            NationalCatalog.Outcome outcome = lagging ? NationalCatalog.Outcome.LAGGING : NationalCatalog.Outcome.ON_TRACK;
            try {
                String body = json.writeValueAsString(List.of(Map.of("indicator", NationalCatalog.indicatorCode(indicator),
                        "region", catalog.countyCode(0), "period", NationalCatalog.PERIOD, "unit", NationalCatalog.UNIT,
                        "value", catalog.figure(0, indicator, outcome))));
                JsonNode answer = http.post("/api/v1/observations", "application/json", body);
                long answered = System.nanoTime();
                int revision = answer.path("accepted").path(0).path("revision").asInt();
                String key = catalog.targetId(0, indicator) + "#" + revision;
                sentAt.put(key, answered);
                observationOf.put(key, answer.path("accepted").path(0).path("observationId").asText() + "#" + revision);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !sentAt.keySet().stream().allMatch(watcher.alertArrivals::containsKey)) {
            Pause.millis(50);
        }
        List<Double> millis = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        List<Double> evaluated = new ArrayList<>();
        List<Double> alerted = new ArrayList<>();
        sentAt.forEach((key, answered) -> {
            Long arrived = watcher.alertArrivals.get(key);
            if (arrived != null) {
                millis.add(Math.max(0, arrived - answered) / 1e6);
                Long observation = watcher.observationArrivals.get(observationOf.get(key));
                Long evaluation = watcher.evaluationArrivals.get(observationOf.get(key));
                if (observation != null && evaluation != null) {
                    observed.add(Math.max(0, observation - answered) / 1e6);
                    evaluated.add(Math.max(0, evaluation - observation) / 1e6);
                    alerted.add(Math.max(0, arrived - evaluation) / 1e6);
                }
            }
        });
        return Result.of(sent, millis, observed, evaluated, alerted);
    }
}
