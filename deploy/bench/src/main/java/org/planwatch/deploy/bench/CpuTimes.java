package org.planwatch.deploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used on this machine between two moments, by part of the system: each service, the broker, PostgreSQL
 * (all its processes), the benchmark's own clients, everything else, and the whole machine (the kernel included). On
 * a machine whose cores are all busy, these say what bounds the month-end, in core-seconds.
 */
final class CpuTimes {

    static final String POSTGRES = "PostgreSQL";
    static final String BENCHMARK = "benchmark clients";
    static final String OTHER = "other processes";
    static final String MACHINE = "whole machine";
    /** /proc/stat counts in USER_HZ, which is 100 on Linux whatever the kernel's own tick rate. */
    private static final double USER_HZ = 100.0;

    private final Map<String, Duration> byPart;

    private CpuTimes(Map<String, Duration> byPart) {
        this.byPart = byPart;
    }

    /** The CPU time each part has used so far; {@code known} names the processes of the system by pid. */
    static CpuTimes now(Map<Long, String> known) {
        Map<String, Duration> parts = new LinkedHashMap<>();
        known.values().forEach(name -> parts.put(name, Duration.ZERO));
        parts.put(POSTGRES, Duration.ZERO);
        parts.put(BENCHMARK, Duration.ZERO);
        parts.put(OTHER, Duration.ZERO);
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(process -> process.info().totalCpuDuration().ifPresent(cpu -> {
            String part = known.containsKey(process.pid()) ? known.get(process.pid())
                    : process.pid() == self ? BENCHMARK
                    : process.info().command().map(command -> command.endsWith("/postgres")).orElse(false) ? POSTGRES
                    : OTHER;
            parts.merge(part, cpu, Duration::plus);
        }));
        parts.put(MACHINE, machineBusy());
        return new CpuTimes(parts);
    }

    /** What each part used from {@code earlier} to this moment (a process that exited meanwhile is not counted). */
    CpuTimes since(CpuTimes earlier) {
        Map<String, Duration> used = new LinkedHashMap<>();
        byPart.forEach((part, cpu) -> {
            Duration delta = cpu.minus(earlier.byPart.getOrDefault(part, Duration.ZERO));
            used.put(part, delta.isNegative() ? Duration.ZERO : delta);
        });
        return new CpuTimes(used);
    }

    Map<String, Duration> byPart() {
        return byPart;
    }

    /** Busy time of all cores together since boot, from /proc/stat (zero where there is none). */
    private static Duration machineBusy() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                // user nice system idle iowait irq softirq steal: all but idle (4) and iowait (5).
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return Duration.ofMillis(Math.round(busy / USER_HZ * 1000));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            // Not Linux: the report shows the processes only.
            return Duration.ZERO;
        }
    }
}
