package org.planwatch.deploy.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's one table, as Markdown. */
final class BenchReport {

    /** The size of an observation event on planwatch.observations (CloudEvents JSON), measured from a real one. */
    static final int EVENT_BYTES = 560;

    /** How many of a month-end's statements the report lists. */
    static final int TOP_STATEMENTS = 12;

    final String heap;
    final int bureaus;
    final int probeRate;
    RawLimits.Measured kafka;
    RawLimits.Measured postgres;
    String postgresVersion;
    final List<Run> runs = new ArrayList<>();

    BenchReport(String heap, int bureaus, int probeRate) {
        this.heap = heap;
        this.bureaus = bureaus;
        this.probeRate = probeRate;
    }

    static final class Run {
        final int targets;
        double startupSeconds;
        MonthEndLoad.Result load;
        LatencyProbe.Result idle;
        LatencyProbe.Result underLoad;
        int evaluated;
        long evaluationEvents;
        int expectedEvaluations;
        int alertsOpened;
        int expectedAlerts;
        double lastEvaluationSeconds;
        double lastAlertSeconds;
        final Map<String, ServiceProcesses.Memory> memory = new LinkedHashMap<>();
        /** "service, poll of topic" or "service, outbox relay" → its batches over the whole run (probes included). */
        final Map<String, BatchFigures> batches = new LinkedHashMap<>();
        /** CPU time of each part of the system from the month-end's first upload to its last alert (probes included). */
        CpuTimes cpu;
        /** PostgreSQL's statements over the same span as {@link #cpu}. */
        StatementStatistics.Result statements;

        Run(int targets) {
            this.targets = targets;
        }

        boolean complete() {
            return load != null && load.accepted() == load.posted() && evaluated == expectedEvaluations
                    && alertsOpened == expectedAlerts;
        }

        double acceptedPerSecond() {
            return load.accepted() / load.seconds();
        }

        double evaluatedPerSecond() {
            return evaluated / lastEvaluationSeconds;
        }

        String summary() {
            return String.format(Locale.ROOT, "%d targets: %d/%d accepted in %.1f s, %d/%d evaluated (last after %.1f s), "
                    + "%d/%d alerts (last after %.1f s)", targets, load.accepted(), load.posted(), load.seconds(), evaluated,
                    expectedEvaluations, lastEvaluationSeconds, alertsOpened, expectedAlerts, lastAlertSeconds);
        }
    }

    boolean complete() {
        return runs.stream().allMatch(Run::complete);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# planwatch month-end benchmark, ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s memory; Java %s; Kafka 4.1.1 (one KRaft broker, 4 partitions); "
                + "PostgreSQL %s. Services: %s heap each, %d concurrent bureaus, latency probe %d figures/s.%n%n",
                Runtime.getRuntime().availableProcessors(), memTotal(), System.getProperty("java.version"), postgresVersion,
                heap, bureaus, probeRate));
        md.append("## The limits (same run)\n\n| limit | records | seconds | per second |\n| --- | ---: | ---: | ---: |\n");
        md.append(String.format(Locale.ROOT, "| Kafka producer, acks=all, %d-byte records | %d | %.1f | %,.0f |%n", EVENT_BYTES,
                kafka.count(), kafka.seconds(), kafka.perSecond()));
        md.append(String.format(Locale.ROOT, "| PostgreSQL COPY, observation rows with primary key | %d | %.1f | %,.0f |%n%n",
                postgres.count(), postgres.seconds(), postgres.perSecond()));
        double floor = Math.min(kafka.perSecond(), postgres.perSecond());
        md.append("## planwatch end to end\n\n");
        md.append("| targets | start-up s | figures | accepted | rejected | accepted/s | evaluated | evaluated/s "
                + "| last evaluation s | alerts expected / opened | last alert s | ÷ lower limit "
                + "| idle p50/p95/p99 ms | under load p50/p95/p99 ms (n) |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %,d | %.0f | %,d | %,d | %,d | %,.0f | %,d | %,.0f | %.1f | %,d / %,d | %.1f | %.1f%% | %s | %s |%n",
                    run.targets, run.startupSeconds, run.load.posted(), run.load.accepted(), run.load.rejected(),
                    run.acceptedPerSecond(), run.evaluated, run.evaluatedPerSecond(), run.lastEvaluationSeconds,
                    run.expectedAlerts, run.alertsOpened, run.lastAlertSeconds,
                    100 * Math.min(run.acceptedPerSecond(), run.evaluatedPerSecond()) / floor,
                    latency(run.idle), latency(run.underLoad)));
        }
        md.append("\n## Where a probe's latency goes (medians, ms)\n\n")
                .append("Figure → alert in three stages: the HTTP 2xx → the observation event on Kafka (ingest-service and "
                        + "its outbox relay), → the evaluation event (indicator-service), → the alert event (alert-service).\n\n")
                .append("| targets | probe | → observation | → evaluation | → alert |\n| ---: | --- | ---: | ---: | ---: |\n");
        for (Run run : runs) {
            stages(md, run.targets, "idle", run.idle);
            stages(md, run.targets, "under load", run.underLoad);
        }
        md.append("\n## Batches during the month-end (its probes included)\n\n")
                .append("Each service applies a Kafka poll in one transaction and relays its outbox in batches: how many, "
                        + "how large and how long each took, and the mean age of a record when its poll was applied (since "
                        + "its producer sent it) or of an event when the broker acknowledged it (since the transaction that "
                        + "wrote it began), from the services' own metrics.\n\n")
                .append("| targets | service, work | batches | records per batch | ms per batch | busy s | mean age ms |\n"
                        + "| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Run run : runs) {
            run.batches.forEach((name, figures) -> md.append(String.format(Locale.ROOT, "| %,d | %s | %,.0f | %.1f | %.1f | %.1f | %.0f |%n",
                    run.targets, name, figures.batches(), figures.recordsPerBatch(), figures.millisPerBatch(), figures.seconds(),
                    figures.meanAgeMillis())));
        }
        cpu(md);
        statements(md);
        md.append("\n## Memory after a full GC (RSS / heap used, MiB)\n\n| targets |");
        ServiceProcesses.SERVICES.forEach(service -> md.append(' ').append(service).append(" |"));
        md.append("\n| ---: |");
        ServiceProcesses.SERVICES.forEach(service -> md.append(" ---: |"));
        md.append('\n');
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %,d |", run.targets));
            run.memory.forEach((service, memory) -> md.append(String.format(Locale.ROOT, " %d / %d |", memory.rssMib(), memory.heapAfterGcMib())));
            md.append('\n');
        }
        return md.toString();
    }

    /** Where the cores went during each month-end, and the machine's CPU per 1,000 figures. */
    private void cpu(StringBuilder md) {
        List<Run> measured = runs.stream().filter(run -> run.cpu != null && run.load != null).toList();
        if (measured.isEmpty()) {
            return;
        }
        List<String> parts = List.copyOf(measured.get(0).cpu.byPart().keySet());
        md.append("\n## CPU during the month-end (core-seconds)\n\n")
                .append("From the first upload until the last alert was on Kafka (the probes included): each service, the broker, "
                        + "all PostgreSQL processes, the benchmark's own uploads, probes and event watcher, the rest, and the whole "
                        + "machine (kernel included; at most cores × seconds). The last column is the whole machine's CPU per "
                        + "1,000 figures accepted.\n\n| targets | seconds |");
        parts.forEach(part -> md.append(' ').append(part).append(" |"));
        md.append(" per 1,000 figures |\n| ---: | ---: |");
        parts.forEach(part -> md.append(" ---: |"));
        md.append(" ---: |\n");
        for (Run run : measured) {
            md.append(String.format(Locale.ROOT, "| %,d | %.1f |", run.targets, Math.max(run.lastAlertSeconds, run.lastEvaluationSeconds)));
            parts.forEach(part -> md.append(String.format(Locale.ROOT, " %.1f |",
                    run.cpu.byPart().getOrDefault(part, java.time.Duration.ZERO).toMillis() / 1000.0)));
            double machine = run.cpu.byPart().getOrDefault(CpuTimes.MACHINE, java.time.Duration.ZERO).toMillis() / 1000.0;
            md.append(String.format(Locale.ROOT, " %.2f |%n", machine * 1000 / Math.max(1, run.load.accepted())));
        }
    }

    /** PostgreSQL's execution time by statement during each month-end: what a figure costs the database. */
    private void statements(StringBuilder md) {
        List<Run> measured = runs.stream().filter(run -> run.statements != null && run.load != null).toList();
        if (measured.isEmpty()) {
            return;
        }
        md.append("\n## PostgreSQL's statements during the month-end (pg_stat_statements)\n\n")
                .append("Over the same span as the CPU table: the statements that took the most execution time (planning, "
                        + "the wire and waiting for a connection not included; COMMIT includes the WAL flush), how often each "
                        + "ran per 1,000 figures accepted, the rows it returned or changed per call, and its share of all "
                        + "statements' time.\n\n");
        for (Run run : measured) {
            StatementStatistics.Result result = run.statements;
            double perThousand = 1000.0 / Math.max(1, run.load.accepted());
            md.append(String.format(Locale.ROOT, "%,d targets: %,d statements (%,.0f per 1,000 figures), %.1f s of execution.%n%n",
                    run.targets, result.allCalls(), result.allCalls() * perThousand, result.allMillis() / 1000));
            md.append("| statement | calls per 1,000 figures | rows per call | ms per call | s | share |\n"
                    + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
            for (StatementStatistics.Timed statement : result.top()) {
                md.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.1f | %.2f | %.1f | %.1f%% |%n",
                        StatementStatistics.shortened(statement.query(), 110), statement.calls() * perThousand,
                        (double) statement.rows() / Math.max(1, statement.calls()),
                        statement.totalMillis() / Math.max(1, statement.calls()), statement.totalMillis() / 1000,
                        100 * statement.totalMillis() / Math.max(1e-9, result.allMillis())));
            }
            md.append('\n');
        }
    }

    private static void stages(StringBuilder md, int targets, String probe, LatencyProbe.Result result) {
        if (result != null && result.answered() > 0) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %.0f | %.0f | %.0f |%n", targets, probe, result.observedP50(),
                    result.evaluatedP50(), result.alertedP50()));
        }
    }

    private static String latency(LatencyProbe.Result result) {
        if (result == null || result.answered() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f (%d of %d)", result.p50(), result.p95(), result.p99(),
                result.answered(), result.sent());
    }

    static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return (Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024) + " GiB";
                }
            }
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return "unknown (" + ManagementFactory.getRuntimeMXBean().getVmName() + ")";
    }
}
