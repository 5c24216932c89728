package org.planwatch.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One month-end: every county but the probe's posts its October figures through ingest-service's
 * public API, five counties (1,000 rows) per upload, alternately as a CSV file and as a JSON
 * batch, from {@code bureaus} concurrent clients.
 */
final class MonthEndLoad {

    static final int COUNTIES_PER_UPLOAD = 5;

    record Result(long posted, long accepted, long rejected, int uploads, double seconds) {
    }

    private final NationalCatalog catalog;
    private final String ingestUrl;
    private final Supplier<String> authorization;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MonthEndLoad(NationalCatalog catalog, String ingestUrl, Supplier<String> authorization, ObjectMapper json) {
        this.catalog = catalog;
        this.ingestUrl = ingestUrl;
        this.authorization = authorization;
        this.json = json;
    }

    Result run(int bureaus) {
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        List<Future<?>> uploads = new ArrayList<>();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(bureaus);
        try {
            int upload = 0;
            for (int first = 1; first < catalog.counties(); first += COUNTIES_PER_UPLOAD) {
                int from = first;
                int to = Math.min(catalog.counties(), first + COUNTIES_PER_UPLOAD);
                boolean csv = upload++ % 2 == 0;
                uploads.add(pool.submit(() -> {
                    JsonNode answer = csv ? postCsv(from, to) : postJson(from, to);
                    accepted.addAndGet(answer.path("acceptedCount").asLong());
                    rejected.addAndGet(answer.path("rejectedCount").asLong());
                    return null;
                }));
            }
            for (Future<?> future : uploads) {
                future.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("an upload failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(catalog.monthEndFigures(), accepted.get(), rejected.get(), uploads.size(),
                (System.nanoTime() - started) / 1e9);
    }

    private JsonNode postCsv(int fromCounty, int toCounty) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("indicator,region,period,value,unit\n");
        for (int county = fromCounty; county < toCounty; county++) {
            for (int indicator = 0; indicator < NationalCatalog.INDICATORS; indicator++) {
                csv.append(NationalCatalog.indicatorCode(indicator)).append(',').append(catalog.countyCode(county)).append(',')
                        .append(NationalCatalog.PERIOD).append(',')
                        .append(catalog.figure(county, indicator, catalog.outcome(county, indicator)).toPlainString())
                        .append(',').append(NationalCatalog.UNIT).append('\n');
            }
        }
        return post("/api/v1/observations/upload", "text/csv; charset=UTF-8", csv.toString());
    }

    private JsonNode postJson(int fromCounty, int toCounty) throws IOException, InterruptedException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int county = fromCounty; county < toCounty; county++) {
            for (int indicator = 0; indicator < NationalCatalog.INDICATORS; indicator++) {
                rows.add(Map.of("indicator", NationalCatalog.indicatorCode(indicator), "region", catalog.countyCode(county),
                        "period", NationalCatalog.PERIOD, "unit", NationalCatalog.UNIT,
                        "value", catalog.figure(county, indicator, catalog.outcome(county, indicator))));
            }
        }
        return post("/api/v1/observations", "application/json", json.writeValueAsString(rows));
    }

    JsonNode post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, contentType, body, null);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(400, response.body().length())));
        }
        return json.readTree(response.body());
    }

    /** One POST as a bureau's client sends it; {@code idempotencyKey} may be null. */
    HttpResponse<String> send(String path, String contentType, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingestUrl + path))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        String auth = authorization.get();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
