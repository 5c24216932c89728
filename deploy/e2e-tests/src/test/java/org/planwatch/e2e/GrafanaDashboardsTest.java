package org.planwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The four dashboards are Grafana dashboard JSON a provisioned Grafana loads: a schema version,
 * a stable uid, panels with a grid position and a datasource pinned by uid to one of the two
 * provisioned datasources, Chinese titles with English subtitles, and every variable a panel uses defined.
 */
class GrafanaDashboardsTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    @Test
    void theFourDashboardsAreValidProvisionedGrafanaJson() {
        List<GrafanaDashboards.Dashboard> dashboards = GrafanaDashboards.load();
        assertThat(dashboards).extracting(GrafanaDashboards.Dashboard::uid).containsExactlyInAnyOrder(
                "planwatch-plan-overview", "planwatch-indicator-detail", "planwatch-status-grid", "planwatch-alerts");
        Set<String> uids = new HashSet<>();
        for (GrafanaDashboards.Dashboard dashboard : dashboards) {
            JsonNode json = dashboard.json();
            String name = dashboard.file().getFileName().toString();
            assertThat(uids.add(dashboard.uid())).as(name + " uid is unique").isTrue();
            assertThat(dashboard.uid()).as(name).matches("[a-z0-9-]{1,40}");
            assertThat(json.path("schemaVersion").asInt()).as(name + " schemaVersion").isBetween(36, 41);
            assertThat(json.path("title").asText()).as(name + " title in Chinese").containsPattern(CHINESE);
            assertThat(json.path("description").asText()).as(name + " English subtitle").containsPattern("[A-Za-z]{4,}");
            assertThat(json.has("id")).as(name + " has no database id (provisioning assigns it)").isFalse();

            Set<String> defined = new HashSet<>();
            for (JsonNode variable : dashboard.variables()) {
                defined.add(variable.path("name").asText());
                assertThat(variable.path("datasource").path("uid").asText()).as(name + " variable " + variable.path("name"))
                        .isEqualTo(GrafanaDashboards.PROMETHEUS_UID);
                assertThat(variable.path("definition").asText()).as(name + " variable " + variable.path("name"))
                        .startsWith("label_values(");
            }
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.panels()) {
                String where = name + " panel " + panel.path("id") + " " + panel.path("title");
                assertThat(ids.add(panel.path("id").asInt())).as(where + ": id unique").isTrue();
                assertThat(panel.path("type").asText()).as(where).isIn("stat", "piechart", "barchart", "table", "timeseries",
                        "gauge", "bargauge", "text", "state-timeline", "row");
                JsonNode grid = panel.path("gridPos");
                assertThat(List.of("x", "y", "w", "h")).as(where + " gridPos").allMatch(k -> grid.path(k).isInt());
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(where + " fits the 24 columns").isLessThanOrEqualTo(24);
                if (panel.path("type").asText().equals("text") || panel.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(panel.path("title").asText()).as(where + " title in Chinese").containsPattern(CHINESE);
                assertThat(panel.path("title").asText()).as(where + " English subtitle").containsPattern("· [A-Z]");
                assertThat(panel.path("targets").size()).as(where + " has queries").isPositive();
                assertThat(panel.path("datasource").path("uid").asText()).as(where + " datasource")
                        .isIn(GrafanaDashboards.PROMETHEUS_UID, GrafanaDashboards.POSTGRES_UID);
            }
            for (GrafanaDashboards.Query query : GrafanaDashboards.queries(dashboard)) {
                assertThat(query.datasourceUid()).as(query.where()).isIn(GrafanaDashboards.PROMETHEUS_UID, GrafanaDashboards.POSTGRES_UID);
                assertThat(query.text()).as(query.where()).isNotBlank();
                Matcher used = VARIABLE.matcher(query.text());
                while (used.find()) {
                    assertThat(defined).as(query.where() + " uses $" + used.group(1)).contains(used.group(1));
                }
            }
        }
    }
}
