package org.planwatch.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -cp 'target/planwatch-demo.jar:target/lib/*' org.planwatch.deploy.demo.DemoStatistics
 * [--seed 2026] [--as-of 2026-11] [--catalog http://127.0.0.1:8082] [--ingest http://127.0.0.1:8081]
 * --token-file deploy/.run/credentials/admin.jwt}: reads the catalog from indicator-service and posts
 * simulated figures for every target through ingest-service's public API with the token in the file
 * (an administrator's, as the figures span every region), each marked {@code "source": "demo (simulated)"}.
 */
public final class DemoStatistics {

    static final String FEATURED_LAGGING = "weihai-innovative-city-2023.high_tech_enterprises-2024";
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoStatistics() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        long seed = Long.parseLong(options.getOrDefault("--seed", "2026"));
        YearMonth asOf = YearMonth.parse(options.getOrDefault("--as-of", YearMonth.now().toString()));
        String catalog = options.getOrDefault("--catalog", "http://127.0.0.1:8082");
        String ingest = options.getOrDefault("--ingest", "http://127.0.0.1:8081");
        String tokenFile = options.get("--token-file");
        if (tokenFile == null) {
            throw new IllegalArgumentException("--token-file is required: ingest-service takes figures from signed-in "
                    + "bureaus and administrators (deploy/run writes deploy/.run/credentials/admin.jwt)");
        }
        String token = java.nio.file.Files.readString(java.nio.file.Path.of(tokenFile)).strip();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> targets = http.send(HttpRequest.newBuilder(URI.create(catalog + "/api/v1/targets")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (targets.statusCode() != 200) {
            throw new IllegalStateException("the catalog answered " + targets.statusCode() + ": " + targets.body());
        }
        List<JsonNode> catalogTargets = new ArrayList<>();
        JSON.readTree(targets.body()).forEach(catalogTargets::add);
        List<SeriesGenerator.Series> series = new SeriesGenerator(seed, asOf.getYear(), asOf.getMonthValue(),
                FEATURED_LAGGING).generate(catalogTargets);

        List<SeriesGenerator.Row> rows = new ArrayList<>();
        List<SeriesGenerator.Row> revisions = new ArrayList<>();
        Map<String, Integer> scenarios = new TreeMap<>();
        for (SeriesGenerator.Series s : series) {
            rows.addAll(s.rows());
            revisions.addAll(s.revisions());
            scenarios.merge(s.scenario(), 1, Integer::sum);
        }
        int accepted = post(http, ingest, token, rows) + post(http, ingest, token, revisions);
        System.out.printf("Posted %d simulated figures (%d revised) for %d series as of %s, seed %d: %s%n", accepted,
                revisions.size(), series.size(), asOf, seed, scenarios);
    }

    private static int post(HttpClient http, String ingest, String token, List<SeriesGenerator.Row> rows)
            throws IOException, InterruptedException {
        int accepted = 0;
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<SeriesGenerator.Row> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/observations"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(batch)))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ingest-service answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            accepted += answer.path("acceptedCount").asInt();
            for (JsonNode rejected : answer.path("rejected")) {
                System.err.println("rejected: " + rejected);
            }
        }
        return accepted;
    }
}
