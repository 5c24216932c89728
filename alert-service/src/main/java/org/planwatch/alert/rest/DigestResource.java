package org.planwatch.alert.rest;

import io.quarkus.security.Authenticated;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.planwatch.alert.service.DigestService;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/** The weekly digest of a subscription. */
@Authenticated
@Path("/api/v1/digest")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {

    private final DigestService digests;

    public DigestResource(DigestService digests) {
        this.digests = digests;
    }

    @GET
    @Operation(summary = "A subscription's week: alerts open at its end (oldest unacknowledged first) and what changed "
            + "(opened, resolved, escalated, severity changes)")
    public DigestService.Digest digest(
            @Parameter(description = "subscription id", required = true) @QueryParam("subscription") String subscription,
            @Parameter(description = "ISO week, e.g. 2026-W47; the current week when omitted") @QueryParam("week") String week) {
        return digests.digest(id(subscription), week);
    }

    private static Long id(String subscription) {
        if (subscription == null || subscription.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(subscription.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("query parameter 'subscription' is not an id", List.of(
                    Violation.ofField("subscription", "'" + subscription + "' is not a subscription id")));
        }
    }
}
