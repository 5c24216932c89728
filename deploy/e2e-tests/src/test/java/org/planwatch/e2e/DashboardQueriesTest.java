package org.planwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.demo.DemoStatistics;

/**
 * Every query of every dashboard in deploy/grafana, run against a real Prometheus that scraped
 * the three packaged services fed with the demo figures (and evaluated deploy/prometheus's
 * recording rules), and every SQL table query against the same PostgreSQL: a query that errs or
 * returns nothing fails the test, named by dashboard, panel and query. Template variables are
 * substituted by real label values from Prometheus' label-values API (the dashboard's default
 * where Prometheus has it, else the first value).
 * <p>
 * The queries on alert-service's metrics contract ({@code region} and {@code department} on
 * {@code planwatch_alerts_open}, {@code planwatch_alerts_unacknowledged_oldest_age_seconds},
 * {@code planwatch_alert_deliveries_total}) are checked by their own test,
 * {@link #alertServiceContractQueriesReturnData()}, so a failure there says exactly that.
 */
class DashboardQueriesTest {

    static final List<String> ALERT_SERVICE_CONTRACT_METRICS = List.of(
            "planwatch_alerts_unacknowledged_oldest_age_seconds", "planwatch_alert_deliveries_total");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    private static RunningSystem system;
    private static LocalPrometheus prometheus;

    @BeforeAll
    static void startSystemAndPrometheus() throws Exception {
        system = new RunningSystem();
        java.nio.file.Path token = java.nio.file.Files.createTempFile("planwatch-admin-", ".jwt");
        java.nio.file.Files.writeString(token, system.adminToken);
        token.toFile().deleteOnExit();
        DemoStatistics.main(new String[] {"--seed", "2026", "--catalog", system.url("indicator-service"),
                "--ingest", system.url("ingest-service"), "--token-file", token.toString()});
        awaitCondition("evaluated targets on indicator-service", () -> system.get("indicator-service", "/q/metrics").body()
                .contains("planwatch_target_status{"));
        awaitCondition("LAG alerts on alert-service", () -> system.get("alert-service", "/api/v1/alerts?status=FIRING").body()
                .contains("\"kind\":\"LAG\""));
        Map<String, String> jobs = new LinkedHashMap<>();
        for (String service : RunningSystem.SERVICES) {
            jobs.put(service, system.url(service).substring("http://".length()));
        }
        prometheus = new LocalPrometheus(jobs);
        awaitCondition("three services scraped and the recording rules evaluated", () ->
                hasData(prometheus.instant("count(up{job=~\"indicator-service|ingest-service|alert-service\"} == 1) == 3"))
                        && hasData(prometheus.instant("plan_region_status:planwatch_targets:count"))
                        && hasData(prometheus.instant("planwatch_alert_changes_total")));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyDashboardQueryReturnsData() {
        awaitEveryQueryAnswers(false, 20);
    }

    /** deploy/prometheus's rules, evaluated on the real metrics: none errs (e.g. a join that is not one-to-one), and target alerts fire. */
    @Test
    void theRulesEvaluateOnTheRealMetricsAndTargetAlertsFire() {
        JsonNode rules = prometheus.get("/api/v1/rules", Map.of());
        List<String> unhealthy = new ArrayList<>();
        int count = 0;
        for (JsonNode group : rules.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                count++;
                if (!"ok".equals(rule.path("health").asText())) {
                    unhealthy.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " " + rule.path("lastError").asText());
                }
            }
        }
        assertThat(count).as("rules loaded").isGreaterThanOrEqualTo(15);
        assertThat(unhealthy).as("rules that fail to evaluate").isEmpty();
        JsonNode firing = prometheus.instant(
                "ALERTS{alertstate=\"firing\", alertname=~\"PlanwatchTargetLagging|PlanwatchTargetRegressing|PlanwatchTargetOverdue\"}");
        assertThat(hasData(firing)).as("a target alert fires on the demo figures: " + firing).isTrue();
        assertThat(firing.path("data").path("result").get(0).path("metric").path("kind").asText()).isIn("LAG", "OVERDUE_TARGET");
    }

    /**
     * The alert dashboard's queries on alert-service's metrics contract
     * ({@code planwatch_alerts_open{kind,severity,region,department}},
     * {@code planwatch_alerts_unacknowledged_oldest_age_seconds{severity}} and
     * {@code planwatch_alert_deliveries_total{outcome}}), checked on their own so a failure names that contract.
     */
    @Test
    void alertServiceContractQueriesReturnData() {
        awaitEveryQueryAnswers(true, 3);
    }

    /**
     * Runs the queries until every one answers with data, for at most 90 s: the services are still
     * evaluating the demo's backlog when the first series appear, and a plan's recording rules only
     * have a value once its targets are evaluated. A query still empty or failing after that fails the test.
     */
    private static void awaitEveryQueryAnswers(boolean contract, int atLeast) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (GrafanaDashboards.Dashboard dashboard : GrafanaDashboards.load()) {
                Map<String, String> values = resolveVariables(dashboard, contract, failures);
                for (GrafanaDashboards.Query query : GrafanaDashboards.queries(dashboard)) {
                    if (dependsOnAlertServiceContract(dashboard, query.text()) == contract) {
                        check(query, values, failures);
                        checked++;
                    }
                }
            }
            assertThat(checked).as("queries checked").isGreaterThanOrEqualTo(atLeast);
            assertThat(failures).as(checked + " queries checked" + (contract ? " on alert-service's metrics contract" : "")
                    + "; failures").isEmpty();
        });
    }

    /** A variable read from planwatch_alerts_open (its region and department labels), or a contract metric. */
    static boolean dependsOnAlertServiceContract(GrafanaDashboards.Dashboard dashboard, String text) {
        if (ALERT_SERVICE_CONTRACT_METRICS.stream().anyMatch(text::contains)) {
            return true;
        }
        Matcher used = VARIABLE.matcher(text);
        while (used.find()) {
            for (JsonNode variable : dashboard.variables()) {
                if (variable.path("name").asText().equals(used.group(1))
                        && variable.path("definition").asText().contains("planwatch_alerts_open")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> resolveVariables(GrafanaDashboards.Dashboard dashboard, boolean contract,
            List<String> failures) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.variables()) {
            String name = variable.path("name").asText();
            String definition = variable.path("definition").asText();
            if (!contract && definition.contains("planwatch_alerts_open")) {
                continue; // a contract variable: checked by alertServiceContractQueriesReturnData
            }
            Matcher m = LABEL_VALUES.matcher(definition);
            if (!m.matches()) {
                failures.add(dashboard.file().getFileName() + " / variable $" + name + ": not label_values(selector, label): " + definition);
                continue;
            }
            String selector = substitute(m.group(1), values);
            JsonNode answer = prometheus.get("/api/v1/label/" + m.group(2) + "/values", Map.of("match[]", selector));
            List<String> found = new ArrayList<>();
            answer.path("data").forEach(v -> found.add(v.asText()));
            if (!"success".equals(answer.path("status").asText()) || found.isEmpty()) {
                failures.add(dashboard.file().getFileName() + " / variable $" + name + ": no values for " + definition
                        + " (" + answer.path("error").asText("empty") + ")");
                continue;
            }
            String preferred = variable.path("current").path("value").asText("");
            values.put(name, found.contains(preferred) ? preferred : found.get(0));
        }
        return values;
    }

    private static void check(GrafanaDashboards.Query query, Map<String, String> values, List<String> failures)
            throws SQLException {
        String text = substitute(query.text(), values);
        Matcher unresolved = VARIABLE.matcher(text);
        if (unresolved.find()) {
            failures.add(query.where() + ": variable $" + unresolved.group(1) + " has no value; query: " + query.text());
            return;
        }
        if (GrafanaDashboards.POSTGRES_UID.equals(query.datasourceUid())) {
            checkSql(query, text, failures);
            return;
        }
        JsonNode answer = query.instant() ? prometheus.instant(text)
                : prometheus.range(text, Duration.ofMinutes(2), Duration.ofSeconds(5));
        if (!"success".equals(answer.path("status").asText())) {
            failures.add(query.where() + ": error " + answer.path("error").asText() + "; query: " + text);
        } else if (!hasData(answer)) {
            failures.add(query.where() + ": empty result; query: " + text);
        }
    }

    private static void checkSql(GrafanaDashboards.Query query, String sql, List<String> failures) throws SQLException {
        try (Connection connection = DriverManager.getConnection(system.database.jdbcUrl(), system.database.user(),
                system.database.password());
                Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            try (ResultSet rows = statement.executeQuery(sql)) {
                if (!rows.next()) {
                    failures.add(query.where() + ": no rows; query: " + sql);
                }
            } catch (SQLException e) {
                failures.add(query.where() + ": error " + e.getMessage() + "; query: " + sql);
            }
        }
    }

    private static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("${" + value.getKey() + "}", value.getValue()).replace("$" + value.getKey(), value.getValue());
        }
        return result;
    }

    private static boolean hasData(JsonNode answer) {
        JsonNode result = answer.path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return false;
        }
        for (JsonNode series : result) {
            if (series.has("value") || series.path("values").size() > 0) {
                return true;
            }
        }
        return false;
    }

    private static void awaitCondition(String what, Callable<Boolean> condition) {
        await(what).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(condition);
    }
}
