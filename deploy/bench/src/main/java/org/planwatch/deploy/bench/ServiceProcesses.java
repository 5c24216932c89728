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
    private String heap;
    private String bootstrap;
    private BenchDatabase database;
    private List<String> common;
    private Map<String, List<String>> extra;

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
        this.heap = heap;
        this.bootstrap = bootstrap;
        this.database = database;
        this.common = common;
        this.extra = extra;
        for (String service : SERVICES) {
            launch(service);
            // indicator-service loads the catalog before the others can read it.
            if (service.equals("indicator-service")) {
                awaitReady(service, readyWithin);
            }
        }
        for (String service : SERVICES) {
            awaitReady(service, readyWithin);
        }
    }

    /** Kills a service as {@code kill -9} does: no shutdown hook runs, nothing is flushed, offsets stay as they were. */
    void kill(String service) {
        Process process = processes.get(service);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a killed service again on its port with the settings of {@link #start} and waits until it is ready. */
    void restart(String service, Duration readyWithin) {
        launch(service);
        awaitReady(service, readyWithin);
    }

    /** Whether the service answers 200 on {@code /q/health/ready} now. */
    boolean ready(String service) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(String service) {
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
        // PLANWATCH_BENCH_OPTS_<SERVICE> (e.g. PLANWATCH_BENCH_OPTS_INDICATOR_SERVICE): JVM options for one service,
        // to measure a setting without a rebuild (e.g. -Dmp.messaging.incoming.observations.concurrency=1).
        String options = System.getenv("PLANWATCH_BENCH_OPTS_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        String recordings = System.getenv("PLANWATCH_BENCH_JFR");
        if (recordings != null && !recordings.isBlank()) {
            // A flight recording per service, written when it stops: where the time went.
            // PLANWATCH_BENCH_JFR_SETTINGS names another .jfc (e.g. one recording every socket read).
            String settings = System.getenv().getOrDefault("PLANWATCH_BENCH_JFR_SETTINGS", "profile");
            command.add("-XX:StartFlightRecording=settings=" + settings + ",filename="
                    + Path.of(recordings).toAbsolutePath().resolve(service + ".jfr"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logs);
            if (recordings != null && !recordings.isBlank()) {
                Files.createDirectories(Path.of(recordings));
            }
            processes.put(service, new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile())).start());
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
            if (ready(service)) {
                return;
            }
            Pause.millis(250);
        }
        throw new IllegalStateException(service + " was not ready within " + within + "; see " + logs.resolve(service + ".log"));
    }

    /** Resident memory and heap used right after a full GC (jcmd), in MiB. */
    /** The service's consumer polls and outbox batches so far, from its metrics endpoint. */
    java.util.Map<String, BatchFigures> batches(String service) {
        return BatchFigures.read(http, url(service));
    }

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
        return Commands.output(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command), 60);
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
