package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
    private final Services services;
    private final SignedIn signedIn;
    private final Json json;

    public PlanResource(Template plans, Template plan, Services services, SignedIn signedIn, Json json) {
        this.plans = plans;
        this.plan = plan;
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
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Response xlsx(@PathParam("id") String id) {
        String plan = URLEncoder.encode(id, StandardCharsets.UTF_8);
        Grid grid = grid(services.get(Service.INDICATOR, "/api/v1/targets?plan=" + plan, signedIn.require().token()));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("status");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("地区 region");
            for (int i = 0; i < grid.indicators().size(); i++) {
                header.createCell(i + 1).setCellValue(grid.indicators().get(i).get("nameZh"));
            }
            for (int r = 0; r < grid.rows().size(); r++) {
                GridRow gridRow = grid.rows().get(r);
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue(gridRow.regionName() + " " + gridRow.region());
                for (int i = 0; i < gridRow.cells().size(); i++) {
                    Map<String, Object> cell = gridRow.cells().get(i);
                    if (cell != null) {
                        row.createCell(i + 1).setCellValue(cell.get("statusZh") + (cell.get("actual") == null ? ""
                                : " (" + cell.get("actual") + " / " + cell.get("targetValue") + ")"));
                    }
                }
            }
            workbook.write(out);
            return Response.ok(out.toByteArray()).header("Content-Disposition", "attachment; filename=\"" + plan + "-grid.xlsx\"").build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workbook", e);
        }
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
