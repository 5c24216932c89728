package org.planwatch.indicator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.planwatch.indicator.catalog.CatalogFiles.PlanFile;
import org.planwatch.indicator.catalog.CatalogFiles;
import org.planwatch.indicator.catalog.CatalogLoader;
import org.planwatch.indicator.rest.CatalogViews.EvaluationView;
import org.planwatch.indicator.rest.CatalogViews.IndicatorView;
import org.planwatch.indicator.rest.CatalogViews.PlanView;
import org.planwatch.indicator.rest.CatalogViews.RegionView;
import org.planwatch.indicator.rest.CatalogViews.TargetView;
import org.planwatch.indicator.service.CatalogService;
import org.planwatch.indicator.service.PlanService;
import org.planwatch.indicator.service.ReportService;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;
import org.planwatch.platform.security.Roles;

/** The plan catalog: plans, their targets with source quotes, indicators, regions; and evaluations. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final CatalogService catalog;
    private final PlanService plans;
    private final ReportService reports;

    public CatalogResource(CatalogService catalog, PlanService plans, ReportService reports) {
        this.catalog = catalog;
        this.plans = plans;
        this.reports = reports;
    }

    @GET
    @Path("/plans")
    @Operation(summary = "Every plan in the catalog, with its document number and source file")
    public List<PlanView> plans() {
        return catalog.plans();
    }

    @GET
    @Path("/plans/{id}")
    @Operation(summary = "One plan")
    public PlanView plan(@PathParam("id") String id) {
        return catalog.plan(id);
    }

    @GET
    @Path("/plans/{id}/report")
    @Operation(summary = "The evaluation report (评估报告) of a plan as of a moment: each target with baseline, target, "
            + "the latest evaluation recorded by then (period, figure, expected, gap), completion progress (完成进度) "
            + "against time progress (序时进度) in %, status; grouped by lead department")
    public CatalogViews.Report report(@PathParam("id") String id,
            @Parameter(description = "a date (the end of that Beijing day, e.g. 2024-12-31) or an ISO instant "
                    + "(e.g. 2024-12-31T16:00:00Z); now when omitted") @QueryParam("asOf") String asOf) {
        return reports.report(id, asOf);
    }

    @PUT
    @Path("/plans/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "text/yaml"})
    @Operation(summary = "Create or change a plan from its document (JSON or YAML, the shape of the catalog's plan files). "
            + "Changed targets get a new version, targets no longer in the document are retired; evaluations keep "
            + "the version they used. Invalid documents are a 400 problem+json naming each field.")
    public PlanService.PlanChange put(@PathParam("id") String id, String document) {
        PlanFile file = parse(document);
        if (file.plan() != null && !id.equals(file.plan().id())) {
            throw ProblemException.invalid("the document is for another plan",
                    List.of(Violation.ofField("plan.id", "'" + file.plan().id() + "' does not match the path '" + id + "'")));
        }
        return plans.apply(file);
    }

    private static PlanFile parse(String document) {
        if (document == null || document.isBlank()) {
            throw ProblemException.invalid("the body is empty; send the plan document", List.of(Violation.ofField("", "body is required")));
        }
        try {
            return CatalogLoader.YAML.readValue(document, PlanFile.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof MismatchedInputException mismatch ? mismatch.getPathReference() : "";
            throw ProblemException.invalid("the plan document cannot be read: " + e.getOriginalMessage(),
                    List.of(Violation.ofField(field == null ? "" : field, e.getOriginalMessage())));
        }
    }

    @GET
    @Path("/targets/{id}/versions")
    @Operation(summary = "Every version of a target as its plan stated it, oldest first")
    public List<TargetVersionView> versions(@PathParam("id") String id) {
        return catalog.versions(id).stream()
                .map(v -> new TargetVersionView(v.id.version(), v.recordedAt, v.definition)).toList();
    }

    public record TargetVersionView(int version, java.time.OffsetDateTime recordedAt, CatalogFiles.TargetEntry definition) {
    }

    @GET
    @Path("/targets")
    @Operation(summary = "Targets filtered by plan, indicator, region, department and deadline, each with its exact source quote")
    public List<TargetView> targets(
            @Parameter(description = "plan id") @QueryParam("plan") String plan,
            @Parameter(description = "indicator code, e.g. high_tech_enterprises") @QueryParam("indicator") String indicator,
            @Parameter(description = "GB/T 2260 region code, e.g. 371000") @QueryParam("region") String region,
            @Parameter(description = "a lead or cooperating department, e.g. 市科技局") @QueryParam("department") String department,
            @Parameter(description = "deadline, e.g. 2025 or 2024-05") @QueryParam("deadline") String deadline) {
        return catalog.targets(plan, indicator, region, department, deadline);
    }

    @GET
    @Path("/targets/{id}")
    @Operation(summary = "One target with its latest evaluation")
    public TargetView target(@PathParam("id") String id) {
        return catalog.target(id);
    }

    @GET
    @Path("/targets/{id}/evaluations")
    @Operation(summary = "Every evaluation of a target, newest first, each naming the observation revision and target version it used")
    public List<EvaluationView> evaluations(@PathParam("id") String id) {
        return catalog.evaluations(id);
    }

    @GET
    @Path("/targets/{id}/explain")
    @Operation(summary = "How the latest evaluation of a target (for a period, if given) was reached: formula, inputs, "
            + "each intermediate number, forecast, the observation revision and target version used")
    public CatalogViews.Explanation explain(@PathParam("id") String id,
            @Parameter(description = "period, e.g. 2023, 2024-Q1, 2024-03, 2024-01..02") @QueryParam("period") String period) {
        return catalog.explain(id, period);
    }

    @GET
    @Path("/progress")
    @Operation(summary = "Counts of targets by status for a plan and/or region, and the worst targets first")
    public CatalogViews.Progress progress(@QueryParam("plan") String plan, @QueryParam("region") String region,
            @Parameter(description = "how many of the worst targets to list (default 10)") @QueryParam("limit") Integer limit) {
        int size = limit == null ? 10 : limit;
        if (size < 0 || size > 1000) {
            throw ProblemException.invalid("limit is out of range", List.of(Violation.ofField("limit", "between 0 and 1000")));
        }
        return catalog.progress(plan, region, size);
    }

    @GET
    @Path("/indicators")
    @Operation(summary = "Indicators with unit, direction, frequency and reporting basis")
    public List<IndicatorView> indicators() {
        return catalog.indicators();
    }

    @GET
    @Path("/regions")
    @Operation(summary = "Regions by GB/T 2260 code")
    public List<RegionView> regions() {
        return catalog.regions();
    }
}
