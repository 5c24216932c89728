package org.planwatch.deploy.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of the benchmark's or the drill's own PostgreSQL cluster ({@link LocalPostgres}); the benchmark resets it per catalog size. */
record BenchDatabase(String host, int port, String name, String user, String password) {

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
}
