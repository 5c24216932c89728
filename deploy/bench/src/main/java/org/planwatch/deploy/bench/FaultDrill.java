package org.planwatch.deploy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.planwatch.deploy.kafka.LocalKafkaBroker;

/**
 * {@code deploy/drill/run}: starts a system of its own (a KRaft broker, a PostgreSQL cluster in a
 * temporary directory, the three packaged services, all on free ports), streams deterministic
 * figures through ingest-service's public API and, during the stream, in turn kills
 * indicator-service, alert-service and ingest-service with SIGKILL and restarts each, stops and
 * restarts the broker, and restarts PostgreSQL without a checkpoint. After each fault it waits for
 * recovery and audits everything posted so far ({@link DeliveryAudit}). Then it loads the read
 * APIs with 200 concurrent connections ({@link ReadLoad}). Prints one table, writes it to
 * {@code deploy/drill/results/<date>.md}, and exits 1 when anything was lost or duplicated, an
 * alert is missing, or a read failed.
 *
 * <pre>--counties-per-phase 4  --heap 384m  --upload-interval-ms 500  --read-seconds 20  --connections 200
 * --recovery-timeout-s 180  --seed 2026  --out DIR
 * --faults 6  (run only the first N phases, the baseline being the first: --faults 1 measures the read APIs quickly)</pre>
 */
public final class FaultDrill {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    /** One fault of the drill: what it does to the running system. */
    private record Fault(String name, Runnable inject) {
    }

    /** One row of the table. */
    private record Row(String fault, long posted, long accepted, long retries, DeliveryAudit.Findings findings, boolean ready,
            double recoverySeconds) {

        boolean clean() {
            return ready && findings.clean();
        }
    }

    private FaultDrill() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = MonthEndBenchmark.options(args);
        int countiesPerPhase = Integer.parseInt(options.getOrDefault("--counties-per-phase", "4"));
        String heap = options.getOrDefault("--heap", "384m");
        long uploadIntervalMillis = Long.parseLong(options.getOrDefault("--upload-interval-ms", "500"));
        Duration readDuration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--read-seconds", "20")));
        int connections = Integer.parseInt(options.getOrDefault("--connections", "200"));
        Duration recoveryTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--recovery-timeout-s", "180")));
        long seed = Long.parseLong(options.getOrDefault("--seed", "2026"));
        int faultsToRun = Integer.parseInt(options.getOrDefault("--faults", "6"));
        Path repository = Path.of(options.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
        Path out = Path.of(options.getOrDefault("--out", repository.resolve("deploy/drill/results").toString()));
        ObjectMapper json = new ObjectMapper();

        Path work = Files.createTempDirectory("planwatch-drill-");
        BenchCredentials credentials = BenchCredentials.generate(Files.createDirectories(work.resolve("credentials")));
        log("starting PostgreSQL (own cluster), the Kafka broker and the services");
        LocalPostgres postgres = LocalPostgres.start(work.resolve("postgres"));
        LocalKafkaBroker broker = null;
        ServiceProcesses services = null;
        // Stopped or interrupted, the drill leaves nothing running: services, then broker, then database.
        java.util.Deque<Runnable> stopOnExit = new java.util.concurrent.ConcurrentLinkedDeque<>();
        stopOnExit.push(postgres::close);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnExit.forEach(Runnable::run), "drill-stop"));
        List<Row> rows = new ArrayList<>();
        List<ReadLoad.Result> reads = new ArrayList<>();
        String postgresVersion = postgres.version();
        int phases = 6;
        NationalCatalog catalog = new NationalCatalog(FigureStream.counties(phases, countiesPerPhase), seed);
        try {
            BenchDatabase database = postgres.database("planwatch_drill");
            broker = LocalKafkaBroker.start(LocalKafkaBroker.freePort(), LocalKafkaBroker.freePort(), work.resolve("kafka"), 4);
            stopOnExit.push(broker::stop);
            Path catalogDir = work.resolve("catalog");
            catalog.write(catalogDir, json);
            services = new ServiceProcesses(repository, repository.resolve("deploy/drill/target/logs"));
            ServiceProcesses running = services;
            stopOnExit.push(running::close);
            LocalKafkaBroker kafka = broker;
            services.start(heap, broker.bootstrapServers(), database, credentials.serviceSettings(), Map.of(
                    "indicator-service", List.of("-Dplanwatch.catalog.directory=" + catalogDir,
                            "-Dplanwatch.evaluation.deadline-sweep-delay=24h"),
                    "ingest-service", List.of("-Dplanwatch.calendar.check-delay=24h")), READY_WITHIN);
            MonthEndLoad client = new MonthEndLoad(catalog, services.url("ingest-service"), credentials::authorization, json);
            FigureStream stream = new FigureStream(catalog, client, json, countiesPerPhase, Duration.ofMinutes(5).toNanos());
            DeliveryAudit audit = new DeliveryAudit(json, database, services.url("alert-service"), credentials.authorization());
            try (EventWatcher watcher = new EventWatcher(broker.bootstrapServers(), json, catalog.countyCode(0),
                    List.of("planwatch.observations"), audit)) {
                List<Fault> faults = List.of(
                        new Fault("none (baseline)", () -> { }),
                        killAndRestart(running, "indicator-service"),
                        killAndRestart(running, "alert-service"),
                        killAndRestart(running, "ingest-service"),
                        new Fault("Kafka broker stopped 5 s, restarted", () -> {
                            kafka.stop();
                            Pause.millis(5_000);
                            kafka.restart();
                        }),
                        new Fault("PostgreSQL restarted (pg_ctl -m immediate)", postgres::restartImmediately));
                for (int phase = 0; phase < Math.min(faultsToRun, faults.size()); phase++) {
                    rows.add(runPhase(phase, faults.get(phase), stream, audit, running, uploadIntervalMillis, recoveryTimeout));
                    log(rows.get(rows.size() - 1).toString());
                }
            }
            log("read APIs: " + connections + " connections, " + readDuration.toSeconds() + " s per endpoint");
            reads.add(ReadLoad.run("GET /api/v1/targets?region=<county>", services.url("indicator-service"),
                    n -> "/api/v1/targets?region=" + catalog.countyCode(n % catalog.counties()), credentials.authorization(),
                    connections, readDuration));
            reads.add(ReadLoad.run("GET /api/v1/alerts?region=<county>", services.url("alert-service"),
                    n -> "/api/v1/alerts?region=" + catalog.countyCode(n % catalog.counties()), credentials.authorization(),
                    connections, readDuration));
            reads.add(ReadLoad.run("GET /api/v1/progress?region=<county>", services.url("indicator-service"),
                    n -> "/api/v1/progress?region=" + catalog.countyCode(n % catalog.counties()), credentials.authorization(),
                    connections, readDuration));
            reads.add(ReadLoad.run("GET /api/v1/progress (whole catalog)", services.url("indicator-service"),
                    n -> "/api/v1/progress", credentials.authorization(), connections, readDuration));
        } finally {
            if (services != null) {
                services.close();
            }
            if (broker != null) {
                broker.stop();
            }
        }
        String table = markdown(catalog, heap, postgresVersion, rows, reads);
        System.out.println(table);
        Path file = MonthEndBenchmark.writeResult(out, table);
        log("written to " + file);
        postgres.close();
        MonthEndBenchmark.deleteRecursively(work);
        boolean clean = rows.size() == Math.min(faultsToRun, 6) && rows.stream().allMatch(Row::clean) && reads.stream().allMatch(read -> read.errors() == 0);
        if (!clean) {
            log("the drill found losses, duplicates, missing alerts, an unhealthy service or read errors (see the table)");
            System.exit(1);
        }
        System.exit(0);
    }

    private static Fault killAndRestart(ServiceProcesses services, String service) {
        return new Fault("kill -9 " + service + ", restarted", () -> {
            services.kill(service);
            services.restart(service, READY_WITHIN);
        });
    }

    /** Streams the phase's uploads, injects the fault a third of the way in, then waits until the audit is clean. */
    private static Row runPhase(int phase, Fault fault, FigureStream stream, DeliveryAudit audit, ServiceProcesses services,
            long uploadIntervalMillis, Duration recoveryTimeout) throws InterruptedException {
        List<FigureStream.Upload> uploads = stream.phase(phase);
        long postedBefore = stream.posted.get();
        long acceptedBefore = stream.accepted.get();
        long retriesBefore = stream.retries.get();
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        log("phase " + phase + ": " + fault.name() + " during " + uploads.size() + " uploads");
        Thread streamer = new Thread(() -> {
            try {
                for (FigureStream.Upload upload : uploads) {
                    stream.post(upload);
                    sent.incrementAndGet();
                    Pause.millis(uploadIntervalMillis);
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "drill-stream");
        streamer.start();
        while (sent.get() < uploads.size() / 3 && streamer.isAlive()) {
            Pause.millis(20);
        }
        long faultAt = System.nanoTime();
        fault.inject().run();
        streamer.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        long giveUp = System.nanoTime() + recoveryTimeout.toNanos();
        DeliveryAudit.Findings findings = null;
        boolean ready = false;
        while (System.nanoTime() < giveUp) {
            ready = ServiceProcesses.SERVICES.stream().allMatch(services::ready);
            try {
                findings = audit.audit(stream);
            } catch (SQLException | IOException e) {
                log("audit not possible yet: " + e.getMessage());
            }
            if (ready && findings != null && findings.clean()) {
                break;
            }
            Pause.millis(1_000);
        }
        double recovery = (System.nanoTime() - faultAt) / 1e9;
        if (findings == null) {
            throw new IllegalStateException("the system did not answer the audit within " + recoveryTimeout + " after: " + fault.name());
        }
        return new Row(fault.name(), stream.posted.get() - postedBefore, stream.accepted.get() - acceptedBefore,
                stream.retries.get() - retriesBefore, findings, ready, recovery);
    }

    private static String markdown(NationalCatalog catalog, String heap, String postgresVersion, List<Row> rows,
            List<ReadLoad.Result> reads) {
        StringBuilder md = new StringBuilder();
        md.append("# planwatch fault drill, ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s memory; Java %s; Kafka 4.1.1 (one KRaft broker, 4 partitions); "
                + "%s (own cluster). Services: %s heap each. Catalog: %,d targets (%d counties × %d indicators, seed %d); "
                + "figures posted as 100-row CSV and JSON uploads with an Idempotency-Key each, retried on failure.%n%n",
                Runtime.getRuntime().availableProcessors(), BenchReport.memTotal(), System.getProperty("java.version"),
                postgresVersion, heap, catalog.targets(), catalog.counties(), NationalCatalog.INDICATORS, catalog.seed()));
        md.append("Lost and duplicated count everything posted so far, checked after each fault: figures stored, figures "
                + "evaluated (per revision), and events (a figure, evaluation or alert missing from its topic or never "
                + "consumed; one published under two ids). Recovery is from the fault until every service is ready and "
                + "all of it is stored, evaluated, alerted and on its topic.\n\n");
        md.append("| fault | figures posted | retried uploads | lost (stored / evaluated / events) | duplicated (stored / evaluated / events / alerts) "
                + "| alerts expected / found | services ready | recovery s |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (Row row : rows) {
            DeliveryAudit.Findings f = row.findings();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %d (%d / %d / %d) | %d (%d / %d / %d / %d) | %,d / %,d%s | %s | %.1f |%n",
                    row.fault(), row.posted(), row.retries(), f.lost(), f.lostStored(), f.lostEvaluated(), f.lostEvents(),
                    f.duplicated(), f.duplicatedStored(), f.duplicatedEvaluated(), f.duplicatedEvents(), f.alertsDuplicated(),
                    f.alertsExpected(), f.alertsFound(), f.alertsUnexpected() == 0 ? "" : " (+" + f.alertsUnexpected() + " unexpected)",
                    row.ready() ? "yes" : "NO", row.recoverySeconds()));
        }
        if (!reads.isEmpty()) {
            md.append("\n## Read APIs under load (loopback, closed loop, after the drill)\n\n");
            md.append("| endpoint | connections | seconds | requests | requests/s | errors | p50 ms | p95 ms | p99 ms | max ms |\n");
            md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (ReadLoad.Result read : reads) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %,d | %,.0f | %d%s | %.1f | %.1f | %.1f | %.1f |%n",
                        read.endpoint(), read.connections(), read.seconds(), read.requests(), read.perSecond(), read.errors(),
                        read.errorKinds().isEmpty() ? "" : " " + read.errorKinds(), read.latency().p50(), read.latency().p95(),
                        read.latency().p99(), read.latency().max()));
            }
        }
        rows.stream().filter(row -> !row.findings().detail().isEmpty())
                .forEach(row -> md.append("\n").append(row.fault()).append(": ").append(row.findings().detail()).append('\n'));
        return md.toString();
    }

    private static void log(String message) {
        System.err.println("[drill] " + message);
    }
}
