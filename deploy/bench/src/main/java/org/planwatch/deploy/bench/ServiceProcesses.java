package org.planwatch.deploy.bench;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.planwatch.deploy.kafka.LocalKafkaBroker;

/**
 * The three packaged services started as processes with their production settings and a fixed
 * heap, against the benchmark's broker and database, on free ports.
 */
final class ServiceProcesses implements AutoCloseable {

    static final List<String> SERVICES = List.of("indicator-service", "ingest-service", "alert-service");

    private final Path repository;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    ServiceProcesses(Path repository, Path logs) {
        this.repository = repository;
        this.logs = logs;
        SERVICES.forEach(service -> ports.put(service, LocalKafkaBroker.freePort()));
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    long pid(String service) {
        return processes.get(service).pid();
    }

    /** Starts every service with the same settings, {@code common} and {@code extra} (system properties per service). */
    void start(String heap, String bootstrap, BenchDatabase database, List<String> common, Map<String, List<String>> extra,
            Duration readyWithin) {
        try {
            Files.createDirectories(logs);
            for (String service : SERVICES) {
                Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(jar + " is missing: build first (deploy/bench/run does)");
                }
                List<String> command = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms" + heap, "-Xmx" + heap,
                        "-Dquarkus.http.port=" + ports.get(service),
                        "-Dkafka.bootstrap.servers=" + bootstrap,
                        "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                        "-Dquarkus.datasource.username=" + database.user(),
                        "-Dquarkus.datasource.password=" + database.password(),
                        "-Dquarkus.rest-client.indicator-catalog.url=" + url("indicator-service")));
                command.addAll(common);
                command.addAll(extra.getOrDefault(service, List.of()));
                String recordings = System.getenv("PLANWATCH_BENCH_JFR");
                if (recordings != null && !recordings.isBlank()) {
                    // A flight recording per service, written when it stops: where the time went.
                    Files.createDirectories(Path.of(recordings));
                    command.add("-XX:StartFlightRecording=settings=profile,filename="
                            + Path.of(recordings).toAbsolutePath().resolve(service + ".jfr"));
                }
                command.addAll(List.of("-jar", jar.toString()));
                processes.put(service, new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(logs.resolve(service + ".log").toFile()).start());
                // indicator-service loads the catalog before the others can read it.
                if (service.equals("indicator-service")) {
                    awaitReady(service, readyWithin);
                }
            }
            for (String service : SERVICES) {
                awaitReady(service, readyWithin);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String service, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Process process = processes.get(service);
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + logs.resolve(service + ".log"));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Pause.millis(250);
        }
        throw new IllegalStateException(service + " was not ready within " + within + "; see " + logs.resolve(service + ".log"));
    }

    /** Resident memory and heap used right after a full GC (jcmd), in MiB. */
    record Memory(long rssMib, long heapAfterGcMib) {
    }

    Memory memory(String service) {
        long pid = pid(service);
        jcmd(pid, "GC.run");
        String heap = jcmd(pid, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(heap);
        long heapKib = used.find() ? Long.parseLong(used.group(1)) : -1;
        long rssKib = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKib = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Memory(rssKib / 1024, heapKib < 0 ? -1 : heapKib / 1024);
    }

    private static String jcmd(long pid, String command) {
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(60, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }
}
