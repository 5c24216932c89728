package org.planwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The provisioned dashboards of {@code deploy/grafana/dashboards}, and the queries of their panels. */
final class GrafanaDashboards {

    static final String PROMETHEUS_UID = "planwatch-prometheus";
    static final String POSTGRES_UID = "planwatch-postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            json.path("panels").forEach(panel -> {
                panels.add(panel);
                panel.path("panels").forEach(panels::add); // rows hold their collapsed panels
            });
            return panels;
        }

        List<JsonNode> variables() {
            List<JsonNode> variables = new ArrayList<>();
            json.path("templating").path("list").forEach(variables::add);
            return variables;
        }
    }

    /** One query of one panel: a PromQL expression or a SQL statement, with where it comes from. */
    record Query(Dashboard dashboard, String panel, String refId, String datasourceUid, String text, boolean instant) {
        String where() {
            return dashboard.file().getFileName() + " / panel \"" + panel + "\" / " + refId;
        }
    }

    private GrafanaDashboards() {
    }

    /** The checkout's root (the Maven build passes it; {@code ../..} from this module otherwise). */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("planwatch.repo.dir", "../..")).toAbsolutePath().normalize();
    }

    static Path directory() {
        return repositoryRoot().resolve("deploy/grafana/dashboards");
    }

    static List<Dashboard> load() {
        try (Stream<Path> files = Files.list(directory())) {
            List<Dashboard> dashboards = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(new Dashboard(file, JSON.readTree(file.toFile())));
            }
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> queries(Dashboard dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            for (JsonNode target : panel.path("targets")) {
                String uid = target.path("datasource").path("uid").asText(panel.path("datasource").path("uid").asText());
                String text = target.has("expr") ? target.path("expr").asText() : target.path("rawSql").asText();
                queries.add(new Query(dashboard, panel.path("title").asText(), target.path("refId").asText(), uid, text,
                        target.path("instant").asBoolean(false)));
            }
        }
        return queries;
    }
}
