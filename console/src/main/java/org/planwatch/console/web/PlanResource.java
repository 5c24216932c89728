package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planwatch.console.auth.SignedIn;
import org.planwatch.console.upstream.Service;
import org.planwatch.console.upstream.Services;

/**
 * The plans, and one plan's overview: a region × indicator grid coloured by each target's status,
 * the counts per status and the ten worst targets (indicator-service's /targets and /progress),
 * with an .xlsx export of the grid.
 */
@Path("/plans")
@Produces(MediaType.TEXT_HTML)
public class PlanResource {

    /** One row of the grid: a region and, per indicator code, its target there (or null). */
    public record GridRow(String region, String regionName, List<Map<String, Object>> cells) {
    }

    private final Template plans;
    private final Template plan;
    private final Template report;
    private final Services services;
    private final SignedIn signedIn;
    private final Json json;

    public PlanResource(Template plans, Template plan, Template report, Services services, SignedIn signedIn, Json json) {
        this.plans = plans;
        this.plan = plan;
        this.report = report;
        this.services = services;
        this.signedIn = signedIn;
        this.json = json;
    }

    @GET
    public TemplateInstance list() {
        return plans.data("plans", json.list(services.get(Service.INDICATOR, "/api/v1/plans", signedIn.require().token())));
    }

    @GET
    @Path("{id}")
    public TemplateInstance overview(@PathParam("id") String id) {
        String token = signedIn.require().token();
        String plan = URLEncoder.encode(id, StandardCharsets.UTF_8);
        JsonNode info = services.get(Service.INDICATOR, "/api/v1/plans/" + plan, token);
        JsonNode progress = services.get(Service.INDICATOR, "/api/v1/progress?limit=10&plan=" + plan, token);
        Grid grid = grid(services.get(Service.INDICATOR, "/api/v1/targets?plan=" + plan, token));
        return this.plan.data("plan", json.map(info)).data("progress", json.map(progress))
                .data("indicators", grid.indicators()).data("rows", grid.rows());
    }

    @GET
    @Path("{id}/grid.xlsx")
    @Produces(Spreadsheets.XLSX)
    public Response xlsx(@PathParam("id") String id) {
        String plan = URLEncoder.encode(id, StandardCharsets.UTF_8);
        Grid grid = grid(services.get(Service.INDICATOR, "/api/v1/targets?plan=" + plan, signedIn.require().token()));
        List<String> header = new ArrayList<>(List.of("地区 region"));
        grid.indicators().forEach(indicator -> header.add(indicator.get("nameZh")));
        List<List<Object>> rows = new ArrayList<>();
        for (GridRow gridRow : grid.rows()) {
            List<Object> row = new ArrayList<>(List.of(gridRow.regionName() + " " + gridRow.region()));
            for (Map<String, Object> cell : gridRow.cells()) {
                row.add(cell == null ? null : cell.get("statusZh") + (cell.get("actual") == null ? ""
                        : " (" + cell.get("actual") + " / " + cell.get("targetValue") + ")"));
            }
            rows.add(row);
        }
        return Spreadsheets.xlsx(plan + "-grid.xlsx", "status", header, rows);
    }

    /**
     * The evaluation report (评估报告) of the plan as of a date (the end of that day, Beijing time) or an
     * instant: indicator-service computes it from the evaluations recorded by then; the page prints on A4.
     */
    @GET
    @Path("{id}/report")
    public TemplateInstance report(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        EvaluationReport.View view = EvaluationReport.view(evaluationReport(id, asOf));
        String day = asOf != null && asOf.strip().length() == 10 ? asOf.strip() : view.asOf().length() >= 10 ? view.asOf().substring(0, 10) : "";
        return report.data("report", view).data("asOfInput", day).data("asOfQuery",
                asOf == null || asOf.isBlank() ? "" : "?asOf=" + URLEncoder.encode(asOf.strip(), StandardCharsets.UTF_8));
    }

    @GET
    @Path("{id}/report.xlsx")
    @Produces(Spreadsheets.XLSX)
    public Response reportXlsx(@PathParam("id") String id, @QueryParam("asOf") String asOf) {
        JsonNode answer = evaluationReport(id, asOf);
        String day = answer.path("asOf").asText();
        return Spreadsheets.xlsx(URLEncoder.encode(id, StandardCharsets.UTF_8) + "-report-" + (day.length() >= 10 ? day.substring(0, 10) : "now")
                + ".xlsx", "评估报告", EvaluationReport.XLSX_HEADER, EvaluationReport.xlsxRows(answer));
    }

    private JsonNode evaluationReport(String id, String asOf) {
        return services.get(Service.INDICATOR, "/api/v1/plans/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/report"
                + (asOf == null || asOf.isBlank() ? "" : "?asOf=" + URLEncoder.encode(asOf.strip(), StandardCharsets.UTF_8)),
                signedIn.require().token());
    }

    record Grid(List<Map<String, String>> indicators, List<GridRow> rows) {
    }

    private static Grid grid(JsonNode targets) {
        Map<String, Map<String, String>> indicators = new LinkedHashMap<>();
        Map<String, String> regionNames = new LinkedHashMap<>();
        Map<String, Map<String, Object>> cells = new LinkedHashMap<>();
        for (JsonNode t : targets) {
            String indicator = t.path("indicator").path("code").asText();
            String region = t.path("region").path("code").asText();
            indicators.putIfAbsent(indicator, Map.of("code", indicator, "nameZh", t.path("indicator").path("nameZh").asText(indicator)));
            regionNames.putIfAbsent(region, t.path("region").path("nameZh").asText(region));
            JsonNode latest = t.path("latestEvaluation");
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("targetId", t.path("id").asText());
            cell.put("status", latest.isObject() ? latest.path("status").asText() : "NONE");
            cell.put("statusZh", latest.isObject() ? latest.path("statusZh").asText() : "尚无评估");
            cell.put("actual", latest.isObject() && latest.hasNonNull("actual") ? latest.get("actual").asText() : null);
            cell.put("targetValue", t.path("targetValue").asText());
            cells.putIfAbsent(region + "|" + indicator, cell);
        }
        List<GridRow> rows = new ArrayList<>();
        regionNames.forEach((region, name) -> {
            List<Map<String, Object>> row = new ArrayList<>();
            indicators.keySet().forEach(indicator -> row.add(cells.get(region + "|" + indicator)));
            rows.add(new GridRow(region, name, row));
        });
        return new Grid(new ArrayList<>(indicators.values()), rows);
    }
}
