package org.planwatch.deploy.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.planwatch.deploy.test.TestDatabase;

/** The benchmark's own database ({@code planwatch_bench} unless PLANWATCH_BENCH_DB_NAME says otherwise), reset per run. */
record BenchDatabase(String host, int port, String name, String user, String password) {

    static BenchDatabase fromEnvironment() {
        TestDatabase base = new TestDatabase(env("PLANWATCH_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env("PLANWATCH_DB_PORT", "5432")), env("PLANWATCH_BENCH_DB_NAME", "planwatch_bench"),
                env("PLANWATCH_DB_USER", "planwatch"), env("PLANWATCH_DB_PASSWORD", "planwatch")).ensureExists();
        return new BenchDatabase(base.host(), base.port(), base.name(), base.user(), base.password());
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    void reset() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, password);
                Statement statement = connection.createStatement()) {
            for (String schema : new String[] {"indicator", "ingest", "alert"}) {
                statement.execute("drop schema if exists " + schema + " cascade");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the benchmark database: " + e.getMessage(), e);
        }
    }

    String serverVersion() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, password);
                Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("show server_version")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the PostgreSQL version: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
