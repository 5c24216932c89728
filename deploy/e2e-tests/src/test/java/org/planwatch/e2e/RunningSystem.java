package org.planwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.planwatch.deploy.kafka.LocalKafkaBroker;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.deploy.test.TestDatabase;

/**
 * The three packaged services ({@code target/quarkus-app/quarkus-run.jar}) started as separate
 * processes against a real Kafka broker and the test database, on free ports, verifying bearer
 * tokens with this run's {@link TestCredentials} key. Each service runs with a 256 MB heap.
 */
final class RunningSystem implements AutoCloseable {

    static final List<String> SERVICES = List.of("indicator-service", "ingest-service", "alert-service");
    private static final Map<String, String> SCHEMAS = Map.of(
            "indicator-service", "indicator", "ingest-service", "ingest", "alert-service", "alert");

    private final Path repository = Path.of(System.getProperty("planwatch.repo.dir", "../..")).toAbsolutePath().normalize();
    private final Path logs = Path.of("target", "e2e-logs").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> services;
    private final Map<String, List<String>> extraProperties;
    final LocalKafkaBroker broker;
    final TestDatabase database;
    /** Weihai's bureau: what {@link #post} sends. */
    final String bureauToken = TestCredentials.bureau("371000");
    /** What {@link #get} sends (ingest-service's reads need a token; the others' are public). */
    final String adminToken = TestCredentials.admin();

    RunningSystem() {
        this(SERVICES, Map.of());
    }

    /** Only {@code services} (in start order), with extra {@code -D} properties per service. */
    RunningSystem(List<String> services, Map<String, List<String>> extraProperties) {
        this.services = services;
        this.extraProperties = extraProperties;
        database = TestDatabase.fromEnvironment().ensureExists();
        SCHEMAS.values().forEach(database::dropSchema);
        broker = LocalKafkaBroker.startForTests();
        try {
            Files.createDirectories(logs);
            for (String service : SERVICES) {
                ports.put(service, LocalKafkaBroker.freePort());
            }
            for (String service : services) {
                start(service);
            }
            for (String service : services) {
                awaitReady(service);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Kills a service as {@code kill -9} would: no shutdown hook, nothing flushed, offsets as they were. */
    void kill(String service) {
        Process process = processes.get(service);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a killed service again on its port and waits until it is ready. */
    void restart(String service) {
        try {
            start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(service);
    }

    private void start(String service) throws IOException {
        Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + ports.get(service),
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                "-Dquarkus.datasource.username=" + database.user(),
                "-Dquarkus.datasource.password=" + database.password(),
                "-Dquarkus.rest-client.indicator-catalog.url=" + url("indicator-service"),
                "-Dplanwatch.outbox.poll-interval=500ms",
                // These tests follow single figures; the shipped catalog's deadlines have passed, so no sweep here.
                "-Dplanwatch.evaluation.deadline-sweep-delay=24h",
                "-Dmp.jwt.verify.publickey.location=" + TestCredentials.publicKeyLocation()));
        command.addAll(extraProperties.getOrDefault(service, List.of()));
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + ".log").toFile())
                .start();
        processes.put(service, process);
    }

    private void awaitReady(String service) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Process process = processes.get(service);
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + logs.resolve(service + ".log"));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(service + " was not ready within 120 s; see " + logs.resolve(service + ".log"));
    }

    HttpResponse<String> post(String service, String path, String json) {
        return post(service, path, "application/json", HttpRequest.BodyPublishers.ofString(json), bureauToken);
    }

    HttpResponse<String> post(String service, String path, String contentType, HttpRequest.BodyPublisher body, String token) {
        return send(HttpRequest.newBuilder(URI.create(url(service) + path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(3))
                .POST(body).build());
    }

    HttpResponse<String> get(String service, String path) {
        return send(HttpRequest.newBuilder(URI.create(url(service) + path)).header("Authorization", "Bearer " + adminToken)
                .GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }
}
