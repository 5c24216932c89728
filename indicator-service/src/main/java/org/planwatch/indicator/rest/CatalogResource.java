package org.planwatch.indicator.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.planwatch.indicator.rest.CatalogViews.EvaluationView;
import org.planwatch.indicator.rest.CatalogViews.IndicatorView;
import org.planwatch.indicator.rest.CatalogViews.PlanView;
import org.planwatch.indicator.rest.CatalogViews.RegionView;
import org.planwatch.indicator.rest.CatalogViews.TargetView;
import org.planwatch.indicator.service.CatalogService;

/** The plan catalog: plans, their targets with source quotes, indicators, regions; and evaluations. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final CatalogService catalog;

    public CatalogResource(CatalogService catalog) {
        this.catalog = catalog;
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
    @Operation(summary = "Every evaluation of a target, oldest period first, each naming the observation revision it used")
    public List<EvaluationView> evaluations(@PathParam("id") String id) {
        return catalog.evaluations(id);
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
