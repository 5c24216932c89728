package org.planwatch.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault drill's figures, deterministic with the catalog's seed, and the account of what
 * ingest-service accepted. Phase {@code p} posts the October figures of {@code countiesPerPhase}
 * counties (county 0 stays out, as in the benchmark) and a second revision of the first county of
 * phase {@code p - 1} (each value + 0.01, same outcome), as 100-figure uploads, alternately CSV
 * files and JSON batches, each with its own Idempotency-Key. An upload that fails (connection
 * refused, 5xx, or 409 while an earlier attempt holds the key) is sent again with the same key
 * and body, as a real client does, until it is answered.
 */
final class FigureStream {

    static final int FIGURES_PER_UPLOAD = 100;

    record Figure(int county, int indicator, int revision) {
    }

    record Upload(String idempotencyKey, List<Figure> figures, boolean csv) {
    }

    private final NationalCatalog catalog;
    private final MonthEndLoad client;
    private final ObjectMapper json;
    private final int countiesPerPhase;
    private final long retryForNanos;

    /** observation id → the revisions ingest-service said it stored. */
    final Map<String, Set<Integer>> acceptedRevisions = new ConcurrentHashMap<>();
    /** Targets whose accepted figure should raise a LAG alert. */
    final Set<String> alertingTargets = ConcurrentHashMap.newKeySet();
    final AtomicLong posted = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    /** Answers whose revision was not the one the figure was meant to create (a figure stored twice). */
    final AtomicLong unexpectedRevisions = new AtomicLong();

    FigureStream(NationalCatalog catalog, MonthEndLoad client, ObjectMapper json, int countiesPerPhase, long retryForNanos) {
        this.catalog = catalog;
        this.client = client;
        this.json = json;
        this.countiesPerPhase = countiesPerPhase;
        this.retryForNanos = retryForNanos;
    }

    /** How many counties {@code phases} phases need (county 0 included). */
    static int counties(int phases, int countiesPerPhase) {
        return 1 + phases * countiesPerPhase;
    }

    List<Upload> phase(int phase) {
        List<Figure> figures = new ArrayList<>();
        for (int county = 1 + phase * countiesPerPhase; county < 1 + (phase + 1) * countiesPerPhase; county++) {
            for (int indicator = 0; indicator < NationalCatalog.INDICATORS; indicator++) {
                figures.add(new Figure(county, indicator, 1));
            }
        }
        if (phase > 0) {
            int revised = 1 + (phase - 1) * countiesPerPhase;
            for (int indicator = 0; indicator < NationalCatalog.INDICATORS; indicator++) {
                figures.add(new Figure(revised, indicator, 2));
            }
        }
        List<Upload> uploads = new ArrayList<>();
        for (int from = 0; from < figures.size(); from += FIGURES_PER_UPLOAD) {
            int number = uploads.size();
            uploads.add(new Upload("drill-" + catalog.seed() + "-" + phase + "-" + number,
                    figures.subList(from, Math.min(figures.size(), from + FIGURES_PER_UPLOAD)), number % 2 == 0));
        }
        return uploads;
    }

    String observationId(Figure figure) {
        return NationalCatalog.indicatorCode(figure.indicator()) + "|" + catalog.countyCode(figure.county()) + "|"
                + NationalCatalog.PERIOD;
    }

    BigDecimal value(Figure figure) {
        BigDecimal first = catalog.figure(figure.county(), figure.indicator(), catalog.outcome(figure.county(), figure.indicator()));
        return first.add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(figure.revision() - 1L)));
    }

    /** Posts one upload until it is answered; a 4xx other than 409 is a failure of the drill. */
    void post(Upload upload) {
        String path;
        String contentType;
        String body;
        if (upload.csv()) {
            StringBuilder csv = new StringBuilder("indicator,region,period,value,unit\n");
            for (Figure figure : upload.figures()) {
                csv.append(NationalCatalog.indicatorCode(figure.indicator())).append(',').append(catalog.countyCode(figure.county()))
                        .append(',').append(NationalCatalog.PERIOD).append(',').append(value(figure).toPlainString()).append(',')
                        .append(NationalCatalog.UNIT).append('\n');
            }
            path = "/api/v1/observations/upload";
            contentType = "text/csv; charset=UTF-8";
            body = csv.toString();
        } else {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Figure figure : upload.figures()) {
                rows.add(Map.of("indicator", NationalCatalog.indicatorCode(figure.indicator()),
                        "region", catalog.countyCode(figure.county()), "period", NationalCatalog.PERIOD,
                        "unit", NationalCatalog.UNIT, "value", value(figure)));
            }
            path = "/api/v1/observations";
            contentType = "application/json";
            try {
                body = json.writeValueAsString(rows);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        posted.addAndGet(upload.figures().size());
        long giveUp = System.nanoTime() + retryForNanos;
        String lastFailure = "";
        while (System.nanoTime() < giveUp) {
            try {
                HttpResponse<String> response = client.send(path, contentType, body, upload.idempotencyKey());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    record(upload, json.readTree(response.body()));
                    return;
                }
                if (status != 409 && status < 500) {
                    throw new IllegalStateException(path + " answered " + status + " to upload " + upload.idempotencyKey()
                            + ": " + response.body().substring(0, Math.min(400, response.body().length())));
                }
                lastFailure = status + " " + response.body().substring(0, Math.min(200, response.body().length()));
            } catch (IOException e) {
                lastFailure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            retries.incrementAndGet();
            Pause.millis(500);
        }
        throw new IllegalStateException("upload " + upload.idempotencyKey() + " was not answered in time; last: " + lastFailure);
    }

    private void record(Upload upload, JsonNode answer) {
        rejected.addAndGet(answer.path("rejectedCount").asLong());
        if (answer.path("acceptedTruncated").asBoolean(false)) {
            throw new IllegalStateException("upload " + upload.idempotencyKey() + ": the answer lists only part of the accepted rows");
        }
        Map<String, Figure> byId = new java.util.HashMap<>();
        upload.figures().forEach(figure -> byId.put(observationId(figure), figure));
        for (JsonNode item : answer.path("accepted")) {
            String observationId = item.path("observationId").asText();
            int revision = item.path("revision").asInt();
            Figure figure = byId.get(observationId);
            accepted.incrementAndGet();
            acceptedRevisions.computeIfAbsent(observationId, id -> ConcurrentHashMap.newKeySet()).add(revision);
            if (figure == null || figure.revision() != revision) {
                unexpectedRevisions.incrementAndGet();
            }
            if (figure != null && catalog.outcome(figure.county(), figure.indicator()).alerts()) {
                alertingTargets.add(catalog.targetId(figure.county(), figure.indicator()));
            }
        }
    }
}
