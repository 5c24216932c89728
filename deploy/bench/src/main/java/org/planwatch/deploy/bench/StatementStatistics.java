package org.planwatch.deploy.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where PostgreSQL's time goes during a month-end: {@code pg_stat_statements} of the benchmark's own
 * cluster (loaded at its start), reset before the first upload and read after the last alert. The
 * services' statements are prepared, so each appears once with its parameters as {@code $n}.
 */
final class StatementStatistics {

    /** One normalised statement: how often it ran, the rows it returned or changed, its execution time in total. */
    record Timed(String query, long calls, long rows, double totalMillis) {
    }

    /** The statements of one month-end, the most time-consuming first, and the time of all of them. */
    record Result(List<Timed> top, double allMillis, long allCalls) {
    }

    private final BenchDatabase database;

    StatementStatistics(BenchDatabase database) {
        this.database = database;
    }

    void reset() {
        try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset pg_stat_statements: " + e.getMessage(), e);
        }
    }

    /** The {@code limit} statements of this database that took the most execution time since {@link #reset}. */
    Result top(int limit) {
        String database = "(select oid from pg_database where datname = current_database())";
        try (Connection connection = connect();
                PreparedStatement top = connection.prepareStatement("select query, calls, rows, total_exec_time"
                        + " from pg_stat_statements where dbid = " + database + " order by total_exec_time desc limit ?");
                java.sql.Statement all = connection.createStatement()) {
            top.setInt(1, limit);
            List<Timed> statements = new ArrayList<>();
            try (ResultSet rows = top.executeQuery()) {
                while (rows.next()) {
                    statements.add(new Timed(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getDouble(4)));
                }
            }
            try (ResultSet total = all.executeQuery("select coalesce(sum(total_exec_time), 0), coalesce(sum(calls), 0)"
                    + " from pg_stat_statements where dbid = " + database)) {
                total.next();
                return new Result(statements, total.getDouble(1), total.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_statements: " + e.getMessage(), e);
        }
    }

    /** A statement as one short table cell: whitespace collapsed, long column lists cut. */
    static String shortened(String query, int length) {
        String flat = query.replaceAll("\\s+", " ").replace("|", "\\|").trim();
        return flat.length() <= length ? flat : flat.substring(0, length - 1) + "…";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
