package org.planwatch.deploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.planwatch.deploy.kafka.LocalKafkaBroker;

/**
 * A PostgreSQL cluster of its own ({@code initdb} into a temporary directory, {@code pg_ctl} on a
 * free port, trust authentication on loopback), so a drill can restart its database and a benchmark
 * set the server's settings without touching the machine's shared server. The binaries come from {@code /usr/lib/postgresql/<newest>/bin}
 * (or {@code PLANWATCH_PG_BIN}); as root, they run as the {@code postgres} OS user, since
 * PostgreSQL refuses to run as root.
 */
final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final boolean asPostgresUser;
    private boolean stopped;

    private LocalPostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolveSibling("postgres.log");
        this.port = port;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    }

    /** The drill's server: small, since it measures recovery, not speed. */
    static final String DRILL_SETTINGS = "-c max_connections=200 -c fsync=on -c shared_buffers=128MB";

    /** Creates a cluster in {@code directory} (which must not exist yet) and starts it with the drill's settings. */
    static LocalPostgres start(Path directory) {
        return start(directory, DRILL_SETTINGS);
    }

    /** Creates a cluster in {@code directory} (which must not exist yet) and starts it with {@code settings} ({@code -c} options). */
    static LocalPostgres start(Path directory, String settings) {
        LocalPostgres postgres = new LocalPostgres(binaries(), directory.resolve("data"), LocalKafkaBroker.freePort());
        try {
            Files.createDirectories(directory);
            if (postgres.asPostgresUser) {
                run(List.of("chown", "-R", "postgres", directory.toString()));
                // The temporary directory's parents must let the postgres user in.
                run(List.of("chmod", "o+rx", directory.getParent().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres.pg(List.of(postgres.bin.resolve("initdb").toString(), "-D", postgres.dataDir.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        postgres.pg(List.of(postgres.bin.resolve("pg_ctl").toString(), "-D", postgres.dataDir.toString(), "-l",
                postgres.logFile.toString(), "-w", "-t", "60", "-o",
                "-p " + postgres.port + " -c listen_addresses=127.0.0.1 -k " + directory + " " + settings,
                "start"));
        return postgres;
    }

    /** A database owned by the {@code planwatch} role, created on first use. */
    BenchDatabase database(String name) {
        String superUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(superUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create role planwatch login password 'planwatch'");
            statement.execute("create database " + name + " owner planwatch encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the database " + name + ": " + e.getMessage(), e);
        }
        return new BenchDatabase("127.0.0.1", port, name, "planwatch", "planwatch");
    }

    /**
     * Creates {@code pg_stat_statements} in {@code database} and lets its owner read and reset it (the server must
     * have been started with the library in {@code shared_preload_libraries}).
     */
    void enableStatementStatistics(BenchDatabase database) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database.name();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("grant pg_read_all_stats to " + database.user());
            statement.execute("grant execute on function pg_stat_statements_reset to " + database.user());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot enable pg_stat_statements in " + database.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code pg_ctl restart -m immediate}: the server stops without a checkpoint (as in a crash) and recovers from its WAL. */
    void restartImmediately() {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(), "-w", "-t", "60",
                "-m", "immediate", "restart"));
    }

    String version() {
        return pgOutput(List.of(bin.resolve("postgres").toString(), "--version")).trim();
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-m", "fast", "stop"));
    }

    private void pg(List<String> command) {
        pgOutput(command);
    }

    private String pgOutput(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return run(full);
    }

    private static String run(List<String> command) {
        return Commands.output(command, 120);
    }

    private static Path binaries() {
        String configured = System.getenv("PLANWATCH_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin (install Debian's postgresql)"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL's binaries are not in /usr/lib/postgresql: " + e.getMessage(), e);
        }
    }
}
