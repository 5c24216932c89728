package org.planwatch.alert.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.planwatch.alert.domain.Alert;
import org.planwatch.alert.domain.AlertHistory;
import org.planwatch.alert.service.AlertQueries;
import org.planwatch.alert.service.AlertService;
import org.planwatch.platform.events.AlertData;

/** Alerts with their evidence and history. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertQueries alerts;
    private final AlertService service;

    public AlertResource(AlertQueries alerts, AlertService service) {
        this.alerts = alerts;
        this.service = service;
    }

    public record AlertView(long id, String fingerprint, String kind, String severity, String status,
            AlertData.TargetRef target, List<String> leadDepartments, List<String> cooperatingDepartments,
            AlertData.Evidence evidence, OffsetDateTime firstSeen, OffsetDateTime lastSeen, OffsetDateTime resolvedAt,
            AlertData.Acknowledgement acknowledgement, boolean escalated) {

        static AlertView of(Alert a) {
            return new AlertView(a.id, a.fingerprint, a.kind, a.severity, a.status, a.evidence.target(), a.leadDepartments,
                    a.cooperatingDepartments, a.evidence.evidence(), a.firstSeen, a.lastSeen, a.resolvedAt,
                    a.acknowledgedBy == null ? null
                            : new AlertData.Acknowledgement(a.acknowledgedBy, a.acknowledgedAt, a.acknowledgementComment),
                    a.escalated);
        }
    }

    public record HistoryView(String change, String severity, String status, Long evaluationId, String period,
            String actor, String comment, OffsetDateTime at) {

        static HistoryView of(AlertHistory h) {
            return new HistoryView(h.change, h.severity, h.status, h.evaluationId, h.period, h.actor, h.comment, h.at);
        }
    }

    /** Who acknowledges (an office or department) and why. */
    public record AcknowledgeRequest(
            @NotBlank(message = "say who acknowledges (an office or department)") @Size(max = 100) String by,
            @Size(max = 2000) String comment) {
    }

    @GET
    @Operation(summary = "Alerts, most recently changed first, with their evidence (actual, expected, gap, progress ratio, period, source quote)")
    public List<AlertView> list(
            @Parameter(description = "FIRING, ACKNOWLEDGED or RESOLVED") @QueryParam("status") String status,
            @Parameter(description = "GB/T 2260 region code") @QueryParam("region") String region,
            @Parameter(description = "LAG, OVERDUE_TARGET, OVERDUE_REPORT or BREACH") @QueryParam("kind") String kind) {
        return alerts.list(status, region, kind).stream().map(AlertView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert")
    public AlertView get(@PathParam("id") long id) {
        return AlertView.of(alerts.get(id));
    }

    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge a firing alert (who and a comment); it stops escalating and notifies again only "
            + "when its severity changes")
    public AlertView acknowledge(@PathParam("id") long id, @NotNull(message = "a body {\"by\": …, \"comment\": …} is required")
            @Valid AcknowledgeRequest request) {
        return AlertView.of(service.acknowledge(id, request.by().trim(), request.comment()));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every change of one alert, oldest first")
    public List<HistoryView> history(@PathParam("id") long id) {
        alerts.get(id);
        return alerts.history(id).stream().map(HistoryView::of).toList();
    }
}
