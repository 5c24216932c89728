package org.planwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.planwatch.deploy.kafka.LocalKafkaBroker;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}, which deploy/test installs) on a free
 * port, scraping the given services every second and evaluating deploy/prometheus's rules.
 */
final class LocalPrometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final int port;

    LocalPrometheus(Map<String, String> jobs) throws IOException {
        Path binary = Path.of("/usr/bin/prometheus");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: deploy/test installs Debian's prometheus package before the "
                    + "build (or run: apt-get install prometheus)");
        }
        Path directory = Files.createDirectories(Path.of("target", "prometheus").toAbsolutePath());
        Path data = Files.createTempDirectory(directory, "data");
        Path rules = GrafanaDashboards.repositoryRoot().resolve("deploy/prometheus/rules");
        String scrapes = jobs.entrySet().stream().map(job -> """
                  - job_name: %s
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ["%s"]
                """.formatted(job.getKey(), job.getValue())).collect(Collectors.joining());
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s/*.yml
                scrape_configs:
                %s""".formatted(rules, scrapes));
        port = LocalKafkaBroker.freePort();
        process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited; see " + directory.resolve("prometheus.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url("/-/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            RunningSystem.sleep(200);
        }
        close();
        throw new IllegalStateException("prometheus was not ready within 30 s");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The API's answer ({@code status}, {@code data} or {@code error}); an HTTP error is an answer too. */
    JsonNode get(String path, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path) + "?" + query))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode instant(String expr) {
        return get("/api/v1/query", Map.of("query", expr));
    }

    JsonNode range(String expr, Duration back, Duration step) {
        Instant end = Instant.now();
        return get("/api/v1/query_range", Map.of("query", expr, "start", String.valueOf(end.minus(back).getEpochSecond()),
                "end", String.valueOf(end.getEpochSecond()), "step", step.toSeconds() + "s"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
