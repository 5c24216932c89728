package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planwatch.console.auth.SignedIn;
import org.planwatch.console.config.ConsoleConfig;
import org.planwatch.console.upstream.Service;
import org.planwatch.console.upstream.Services;

/**
 * One target: the actual series against the expected trajectory and the target line, the
 * forecast band and the revisions (drawn by ECharts from the data embedded in the page), status,
 * source quote, explanation of the latest evaluation, lead and cooperating departments.
 */
@Path("/targets")
@Produces(MediaType.TEXT_HTML)
public class TargetResource {

    private final Template target;
    private final Services services;
    private final SignedIn signedIn;
    private final Json json;
    private final ConsoleConfig config;

    public TargetResource(Template target, Services services, SignedIn signedIn, Json json, ConsoleConfig config) {
        this.target = target;
        this.services = services;
        this.signedIn = signedIn;
        this.json = json;
        this.config = config;
    }

    @GET
    @Path("{id}")
    public TemplateInstance page(@PathParam("id") String id) {
        String token = signedIn.require().token();
        String path = "/api/v1/targets/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        JsonNode t = services.get(Service.INDICATOR, path, token);
        JsonNode evaluations = services.get(Service.INDICATOR, path + "/evaluations", token);
        JsonNode latest = t.path("latestEvaluation");
        Map<String, Object> explanation = latest.isMissingNode() || latest.isNull() ? null
                : services.getIfPresent(Service.INDICATOR, path + "/explain?period="
                        + URLEncoder.encode(latest.path("period").asText(), StandardCharsets.UTF_8), token).map(json::map).orElse(null);
        return target.data("target", json.map(t)).data("latest", json.map(latest.isMissingNode() ? null : latest))
                .data("explanation", explanation).data("evaluations", json.list(evaluations))
                .data("chart", json.embed(chart(t, evaluations))).data("echarts", config.echartsScript());
    }

    /** What the chart script draws: one point per period (its latest evaluation), revisions marked, target and forecast. */
    static Map<String, Object> chart(JsonNode target, JsonNode evaluations) {
        List<JsonNode> sorted = new ArrayList<>();
        evaluations.forEach(sorted::add);
        sorted.sort(Comparator.<JsonNode>comparingInt(e -> endMonth(e.path("period").asText()))
                .thenComparing(e -> e.path("evaluatedAt").asText()));
        Map<String, Map<String, Object>> points = new LinkedHashMap<>();
        JsonNode baseline = target.path("baseline");
        if (baseline.hasNonNull("value") && baseline.hasNonNull("period")) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("period", baseline.get("period").asText());
            point.put("actual", baseline.get("value").decimalValue());
            point.put("expected", baseline.get("value").decimalValue());
            point.put("revised", false);
            point.put("baseline", true);
            points.put(baseline.get("period").asText(), point);
        }
        for (JsonNode e : sorted) {
            String period = e.path("period").asText();
            boolean revised = e.path("observationRevision").asInt(1) > 1
                    || points.containsKey(period) && !Boolean.TRUE.equals(points.get(period).get("baseline"));
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("period", period);
            point.put("actual", e.hasNonNull("actual") ? e.get("actual").decimalValue() : null);
            point.put("expected", e.hasNonNull("expected") ? e.get("expected").decimalValue() : null);
            point.put("revised", revised);
            point.put("revision", e.path("observationRevision").asInt(1));
            point.put("status", e.path("statusZh").asText(e.path("status").asText()));
            points.put(period, point);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("unit", target.path("unit").asText());
        chart.put("target", target.hasNonNull("targetValue") ? target.get("targetValue").decimalValue() : null);
        chart.put("deadline", target.path("deadline").asText());
        chart.put("points", new ArrayList<>(points.values()));
        JsonNode forecast = target.path("latestEvaluation").path("forecast");
        if (forecast.isObject()) {
            Map<String, Object> band = new LinkedHashMap<>();
            band.put("projected", forecast.path("projected").asDouble());
            band.put("lower", forecast.path("lower80").asDouble());
            band.put("upper", forecast.path("upper80").asDouble());
            band.put("probability", forecast.path("probability").asDouble());
            chart.put("forecast", band);
        }
        return chart;
    }

    /** Months since year 0 at the end of a period: 2024 → Dec 2024, 2024-Q1 → Mar, 2024-01..02 → Feb. */
    static int endMonth(String period) {
        try {
            int year = Integer.parseInt(period.substring(0, 4));
            String rest = period.length() > 4 ? period.substring(5) : "";
            if (rest.isEmpty()) {
                return year * 12 + 12;
            }
            if (rest.startsWith("Q")) {
                return year * 12 + 3 * Integer.parseInt(rest.substring(1));
            }
            int dots = rest.indexOf("..");
            return year * 12 + Integer.parseInt(dots < 0 ? rest : rest.substring(dots + 2));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
