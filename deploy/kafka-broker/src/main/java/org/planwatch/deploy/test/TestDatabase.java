package org.planwatch.deploy.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database the tests use: {@code planwatch_test} on localhost unless
 * {@code PLANWATCH_TEST_DB_*} say otherwise; created when missing, and never the database
 * {@code deploy/run} fills.
 */
public record TestDatabase(String host, int port, String name, String user, String password) {

    public static TestDatabase fromEnvironment() {
        return new TestDatabase(
                env("PLANWATCH_TEST_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env("PLANWATCH_TEST_DB_PORT", "5432")),
                env("PLANWATCH_TEST_DB_NAME", "planwatch_test"),
                env("PLANWATCH_TEST_DB_USER", "planwatch"),
                env("PLANWATCH_TEST_DB_PASSWORD", "planwatch"));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** Creates the database when it does not exist yet (the role needs CREATEDB, which deploy/test grants). */
    public TestDatabase ensureExists() {
        String maintenance = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(maintenance, user, password);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database \"" + name.replace("\"", "") + "\" encoding 'UTF8'");
                    }
                }
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is not usable as " + user
                    + " (run deploy/test, which prepares it): " + e.getMessage(), e);
        }
    }

    /** Drops one service's schema so each test run starts from its migrations. */
    public void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists \"" + schema.replace("\"", "") + "\" cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
