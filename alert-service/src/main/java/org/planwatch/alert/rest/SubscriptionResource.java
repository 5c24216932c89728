package org.planwatch.alert.rest;

import jakarta.annotation.security.RolesAllowed;
import org.planwatch.platform.security.Roles;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.planwatch.alert.domain.Subscription;
import org.planwatch.alert.service.SubscriptionRequest;
import org.planwatch.alert.service.SubscriptionService;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/** Who receives which alerts and how; the webhook secret is write-only. */
@RolesAllowed({Roles.OFFICE, Roles.DEPARTMENT, Roles.ADMIN})
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final SubscriptionService subscriptions;
    private final ObjectMapper mapper;

    public SubscriptionResource(SubscriptionService subscriptions, ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    /** A subscription as returned: never its secret, only whether one is set. */
    public record SubscriptionView(long id, String recipient, String recipientType, Filters filters, Webhook webhook,
            boolean includeResolutions, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        public record Filters(List<String> regions, List<String> plans, List<String> departments, List<String> kinds,
                String minSeverity) {
        }

        public record Webhook(String url, boolean secretSet) {
        }

        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id, s.recipient, s.recipientType,
                    new Filters(s.regions, s.plans, s.departments, s.kinds, s.minSeverity),
                    s.webhookUrl == null ? null : new Webhook(s.webhookUrl, s.webhookSecret != null), s.includeResolutions,
                    s.createdAt, s.updatedAt);
        }
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an office or department to alerts (filters: regions, plans, departments, kinds, "
            + "minimum severity; empty = all), optionally by signed webhook")
    @RequestBody(content = @Content(schema = @Schema(implementation = SubscriptionRequest.class)))
    public Response create(String body, @Context UriInfo uri) {
        SubscriptionView created = SubscriptionView.of(subscriptions.create(parse(body)));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "Every subscription")
    public List<SubscriptionView> list() {
        return subscriptions.list().stream().map(SubscriptionView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription")
    public SubscriptionView get(@PathParam("id") long id) {
        return SubscriptionView.of(subscriptions.get(id));
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a subscription; a webhook without a secret keeps the stored secret")
    @RequestBody(content = @Content(schema = @Schema(implementation = SubscriptionRequest.class)))
    public SubscriptionView replace(@PathParam("id") long id, String body) {
        return SubscriptionView.of(subscriptions.replace(id, parse(body)));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    @Operation(summary = "Delete a subscription; its pending deliveries fail, past ones stay visible")
    public Response delete(@PathParam("id") long id) {
        subscriptions.delete(id);
        return Response.noContent().build();
    }

    /** Reads the body here, so that a body of the wrong shape is a problem naming the field, like any other. */
    private SubscriptionRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("a JSON body is required",
                    List.of(Violation.ofField("body", "send a subscription {\"recipient\": …, \"recipientType\": …}")));
        }
        try {
            SubscriptionRequest request = mapper.readValue(body, SubscriptionRequest.class);
            if (request == null) {
                throw ProblemException.invalid("a JSON object is required", List.of(Violation.ofField("body", "null")));
            }
            return request;
        } catch (JsonProcessingException e) {
            String field = e instanceof MismatchedInputException mismatch ? path(mismatch) : "body";
            throw ProblemException.invalid("the body is not a valid subscription: " + e.getOriginalMessage(),
                    List.of(Violation.ofField(field, e.getOriginalMessage())));
        }
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
