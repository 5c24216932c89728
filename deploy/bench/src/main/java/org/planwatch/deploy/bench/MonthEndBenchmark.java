package org.planwatch.deploy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.planwatch.deploy.kafka.LocalKafkaBroker;

/**
 * {@code deploy/bench/run}: the raw limits of Kafka and PostgreSQL on this machine, then planwatch
 * end to end at each catalog size, in one run; prints one table and writes it to
 * {@code deploy/bench/results/<date>.md}.
 *
 * <pre>--sizes 10000,100000,570000  --bureaus 8  --heap 512m  --probe-rate 20  --smoke  --out DIR</pre>
 */
public final class MonthEndBenchmark {

    /** The benchmark's PostgreSQL: a shared buffer pool that holds the month-end's working set, checkpoints spaced for its WAL. */
    static final String POSTGRES_SETTINGS = "-c max_connections=200 -c shared_buffers=1GB -c max_wal_size=4GB -c fsync=on"
            + " -c autovacuum=on -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top";

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        boolean smoke = options.containsKey("--smoke");
        List<Integer> sizes = Arrays.stream(options.getOrDefault("--sizes", smoke ? "2000" : "10000,100000,570000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int bureaus = Integer.parseInt(options.getOrDefault("--bureaus", "8"));
        String heap = options.getOrDefault("--heap", "512m");
        int probeRate = Integer.parseInt(options.getOrDefault("--probe-rate", "20"));
        int idleProbes = Integer.parseInt(options.getOrDefault("--idle-probes", smoke ? "20" : "200"));
        Path repository = Path.of(options.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
        Path out = Path.of(options.getOrDefault("--out", smoke ? "deploy/bench/target/results" : "deploy/bench/results"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "2026"));
        ObjectMapper json = new ObjectMapper();
        BenchReport report = new BenchReport(heap, bureaus, probeRate);
        Path work = Files.createTempDirectory("planwatch-bench-");
        BenchCredentials credentials = BenchCredentials.generate(Files.createDirectories(work.resolve("credentials")));
        LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.freePort(), LocalKafkaBroker.freePort(),
                work.resolve("kafka"), 4);
        // A server of its own with the settings a database for this load would have: the machine's shared one may be
        // set up for tests (here it ran without autovacuum, so every relayed outbox row stayed dead in its table).
        LocalPostgres postgres = LocalPostgres.start(work.resolve("postgres"), POSTGRES_SETTINGS);
        // Interrupted (Ctrl-C, SIGTERM), the run leaves no server behind: the services and the broker are child
        // processes, the database runs detached (pg_ctl).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            postgres.close();
        }, "bench-cleanup"));
        try {
            BenchDatabase database = postgres.database("planwatch_bench");
            postgres.enableStatementStatistics(database);
            int largest = sizes.stream().max(Integer::compare).orElseThrow();
            log("limits: raw Kafka producer and PostgreSQL COPY, " + largest + " records each");
            report.kafka = RawLimits.kafkaProducer(broker.bootstrapServers(), largest, BenchReport.EVENT_BYTES, 4);
            report.postgres = RawLimits.postgresCopy(database.jdbcUrl(), database.user(), database.password(), largest);
            report.postgresVersion = database.serverVersion() + "; own cluster: " + POSTGRES_SETTINGS.replace("-c ", "");
            for (int size : sizes) {
                report.runs.add(runSize(NationalCatalog.ofTargets(size, seed), repository, work, broker, database, json,
                        credentials, heap, bureaus, probeRate, idleProbes, smoke));
            }
        } finally {
            broker.stop();
            postgres.close();
            deleteRecursively(work);
        }
        String table = report.markdown();
        System.out.println(table);
        Path file = writeResult(out, table);
        log("written to " + file);
        if (!report.complete()) {
            log("some run did not finish: figures or alerts are missing (see the table)");
            System.exit(1);
        }
    }

    private static BenchReport.Run runSize(NationalCatalog catalog, Path repository, Path work, LocalKafkaBroker broker,
            BenchDatabase database, ObjectMapper json, BenchCredentials credentials, String heap, int bureaus,
            int probeRate, int idleProbes, boolean smoke) {
        BenchReport.Run run = new BenchReport.Run(catalog.targets());
        log("catalog of " + catalog.targets() + " targets (" + catalog.counties() + " counties)");
        database.reset();
        Path catalogDir = work.resolve("catalog-" + catalog.targets());
        catalog.write(catalogDir, json);
        try (ServiceProcesses services = new ServiceProcesses(repository, repository.resolve("deploy/bench/target/logs-" + catalog.targets()));
                EventWatcher watcher = new EventWatcher(broker.bootstrapServers(), json, catalog.countyCode(0))) {
            long started = System.nanoTime();
            services.start(heap, broker.bootstrapServers(), database, credentials.serviceSettings(), Map.of(
                    // The deadline sweep runs, hourly as in production, but first 1 s after start-up instead of 30 s,
                    // while the catalog directory loads: at 30 s it fell among the idle probes of the smallest size.
                    // The synthetic deadlines are ahead, so it judges at most the built-in catalog's overdue targets
                    // (none when it runs before that catalog is stored), which the watcher leaves out of the counts.
                    "indicator-service", List.of("-Dplanwatch.catalog.directory=" + catalogDir,
                            "-Dplanwatch.evaluation.deadline-sweep-delay=1s"),
                    // The month-end is what is measured: no reporting-calendar check in the middle of it.
                    "ingest-service", List.of("-Dplanwatch.calendar.check-delay=24h")), Duration.ofMinutes(40));
            run.startupSeconds = (System.nanoTime() - started) / 1e9;
            MonthEndLoad load = new MonthEndLoad(catalog, services.url("ingest-service"), credentials::authorization, json);
            LatencyProbe probe = new LatencyProbe(catalog, load, watcher, json);
            // The first figures after start-up pay for class loading, JIT and the consumers joining their
            // groups: a warm-up round, not counted, so "idle" means a running system with nothing to do.
            log("warm-up: " + idleProbes + " single figures at " + probeRate + "/s, not counted");
            probe.run(idleProbes, probeRate, () -> true);
            log("idle latency: " + idleProbes + " single figures at " + probeRate + "/s");
            run.idle = probe.run(idleProbes, probeRate, () -> true);

            Map<String, BatchFigures> batchesBefore = batches(services);
            Map<Long, String> processes = new LinkedHashMap<>();
            ServiceProcesses.SERVICES.forEach(service -> processes.put(services.pid(service), service));
            processes.put(broker.pid(), "Kafka broker");
            StatementStatistics statements = new StatementStatistics(database);
            statements.reset();
            CpuTimes cpuBefore = CpuTimes.now(processes);
            log("month-end: " + catalog.monthEndFigures() + " figures from " + bureaus + " concurrent bureaus");
            AtomicReference<MonthEndLoad.Result> bulk = new AtomicReference<>();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            long bulkStarted = System.nanoTime();
            Thread uploads = new Thread(() -> {
                try {
                    bulk.set(load.run(bureaus));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "bench-month-end");
            uploads.start();
            run.underLoad = probe.run(Integer.MAX_VALUE, probeRate, uploads::isAlive);
            join(uploads);
            if (failure.get() != null) {
                throw failure.get();
            }
            run.load = bulk.get();
            int expectedAlerts = catalog.expectedAlerts();
            long waitUntil = System.nanoTime() + Duration.ofMinutes(smoke ? 3 : 30).toNanos();
            while (System.nanoTime() < waitUntil && (watcher.evaluatedTargets.size() < catalog.monthEndFigures()
                    || watcher.openedFingerprints.size() < expectedAlerts)) {
                Pause.millis(100);
            }
            run.evaluated = watcher.evaluatedTargets.size();
            run.evaluationEvents = watcher.evaluationEvents.get();
            run.expectedEvaluations = catalog.monthEndFigures();
            run.alertsOpened = watcher.openedFingerprints.size();
            run.expectedAlerts = expectedAlerts;
            run.lastEvaluationSeconds = (watcher.lastEvaluationNanos.get() - bulkStarted) / 1e9;
            run.lastAlertSeconds = (watcher.lastAlertNanos.get() - bulkStarted) / 1e9;
            run.cpu = CpuTimes.now(processes).since(cpuBefore);
            run.statements = statements.top(BenchReport.TOP_STATEMENTS);
            batches(services).forEach((name, figures) -> run.batches.put(name, figures.since(batchesBefore.get(name))));
            for (String service : ServiceProcesses.SERVICES) {
                run.memory.put(service, services.memory(service));
            }
        }
        log("done: " + run.summary());
        return run;
    }

    /** Every service's batch figures so far, keyed "service, work". */
    private static Map<String, BatchFigures> batches(ServiceProcesses services) {
        Map<String, BatchFigures> batches = new LinkedHashMap<>();
        for (String service : ServiceProcesses.SERVICES) {
            services.batches(service).forEach((name, figures) -> batches.put(service + ", " + name, figures));
        }
        return batches;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void log(String message) {
        System.err.println("[bench] " + message);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(args[i], args[++i]);
            } else {
                options.put(args[i], "");
            }
        }
        return options;
    }

    /**
     * Writes a run's table to {@code <date>.md} in {@code out}, or {@code <date>-2.md} and on for a later run the same
     * day, which keeps the earlier tables.
     */
    static Path writeResult(Path out, String table) throws IOException {
        Files.createDirectories(out);
        Path file = out.resolve(LocalDate.now() + ".md");
        for (int run = 2; Files.exists(file); run++) {
            file = out.resolve(LocalDate.now() + "-" + run + ".md");
        }
        Files.writeString(file, table);
        return file;
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
