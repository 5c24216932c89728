package org.planwatch.alert.rest;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import org.planwatch.platform.security.Roles;

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
import org.planwatch.alert.domain.Delivery;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.alert.routing.Routing;
import org.planwatch.alert.service.AlertRecorder;
import org.planwatch.alert.service.AlertQueries;
import org.planwatch.alert.service.AlertService;
import org.planwatch.platform.events.AlertData;

/** Alerts with their evidence and history. */
@Authenticated
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertQueries alerts;
    private final AlertService service;

    public AlertResource(AlertQueries alerts, AlertService service) {
        this.alerts = alerts;
        this.service = service;
    }

    /** An alert with its evidence (a target's evaluation, or a late report's periods) and whom it is routed to. */
    public record AlertView(long id, String fingerprint, String kind, String severity, String status,
            AlertData.TargetRef target, List<String> leadDepartments, List<String> cooperatingDepartments,
            List<AlertData.Recipient> recipients, AlertData.Evidence evidence, AlertData.ReportEvidence report,
            OffsetDateTime firstSeen, OffsetDateTime lastSeen, OffsetDateTime resolvedAt,
            AlertData.Acknowledgement acknowledgement, boolean escalated) {

        static AlertView of(Alert a, List<Subscription> subscriptions) {
            List<Subscription> matching = subscriptions.stream().filter(s -> Routing.matches(s, a)).toList();
            return new AlertView(a.id, a.fingerprint, a.kind, a.severity, a.status, a.evidence.target(), a.leadDepartments,
                    a.cooperatingDepartments, Routing.recipients(a, matching), a.evidence.evidence(), a.evidence.report(),
                    a.firstSeen, a.lastSeen, a.resolvedAt, AlertRecorder.acknowledgement(a), a.escalated);
        }
    }

    /** One webhook delivery of one change of the alert. */
    public record DeliveryView(long id, long subscriptionId, String recipient, String change, String eventId, String status,
            int attempts, Integer lastHttpStatus, String lastError, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
            OffsetDateTime deliveredAt, OffsetDateTime giveUpAt) {

        static DeliveryView of(AlertQueries.DeliveryRow row) {
            Delivery d = row.delivery();
            return new DeliveryView(d.id, d.subscriptionId, row.recipient(), d.change, d.eventId, d.status, d.attempts,
                    d.lastHttpStatus, d.lastError, d.createdAt, d.nextAttemptAt, d.deliveredAt, d.giveUpAt);
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
            @Parameter(description = "LAG, OVERDUE_TARGET, OVERDUE_REPORT or BREACH") @QueryParam("kind") String kind,
            @Parameter(description = "an office or department the alert is routed to (its inbox), e.g. 市科技局")
            @QueryParam("recipient") String recipient) {
        List<Subscription> subscriptions = alerts.subscriptions();
        return alerts.list(status, region, kind).stream().map(a -> AlertView.of(a, subscriptions))
                .filter(view -> recipient == null || recipient.isBlank()
                        || view.recipients().stream().anyMatch(r -> r.name().equals(recipient.trim())))
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert")
    public AlertView get(@PathParam("id") long id) {
        return AlertView.of(alerts.get(id), alerts.subscriptions());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The webhook deliveries of the alert's changes, oldest first: subscription, status (PENDING, "
            + "DELIVERED, FAILED), attempts, last HTTP status or error, next attempt")
    public List<DeliveryView> deliveries(@PathParam("id") long id) {
        alerts.get(id);
        return alerts.deliveries(id).stream().map(DeliveryView::of).toList();
    }

    @POST
    @Path("/{id}/ack")
    @RolesAllowed({Roles.OFFICE, Roles.DEPARTMENT, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge a firing alert (who and a comment); it stops escalating and notifies again only "
            + "when its severity changes")
    public AlertView acknowledge(@PathParam("id") long id, @NotNull(message = "a body {\"by\": …, \"comment\": …} is required")
            @Valid AcknowledgeRequest request) {
        return AlertView.of(service.acknowledge(id, request.by().trim(), request.comment()), alerts.subscriptions());
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every change of one alert, oldest first")
    public List<HistoryView> history(@PathParam("id") long id) {
        alerts.get(id);
        return alerts.history(id).stream().map(HistoryView::of).toList();
    }
}
