package org.planwatch.platform.limits;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.planwatch.platform.problem.Problem;

/**
 * On {@link RateLimited} endpoints: a client over its rate gets a 429 problem naming the limit
 * with {@code Retry-After}; a JSON body over {@code planwatch.limits.max-json-bytes} a 413.
 * The client is the token's {@code upn} (verified), else the remote address.
 */
public class RateLimitFilter {

    private final ClientLimiter limiter;
    private final LimitsConfig config;
    private final CurrentIdentityAssociation identities;

    public RateLimitFilter(ClientLimiter limiter, LimitsConfig config, CurrentIdentityAssociation identities) {
        this.limiter = limiter;
        this.config = config;
        this.identities = identities;
    }

    @ServerRequestFilter
    @RateLimited
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
        return identities.getDeferredIdentity()
                .map(identity -> clientOf(identity, address))
                // A token that does not verify is answered 401 by the endpoint's security check; count it by address.
                .onFailure().recoverWithItem("address " + address)
                .map(client -> check(client, request));
    }

    private static String clientOf(SecurityIdentity identity, String address) {
        return identity == null || identity.isAnonymous() ? "address " + address : identity.getPrincipal().getName();
    }

    private Response check(String client, ContainerRequestContext request) {
        Duration wait = limiter.take(client);
        if (!wait.isZero()) {
            ClientLimiter.Limit limit = limiter.limitOf(client);
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return problem(429, "rate-limited", "Too many requests", client + " sent more than " + limit.perMinute()
                    + " requests a minute (" + limit.property() + "=" + limit.perMinute() + ", bursts of " + limit.burst()
                    + "); retry in " + seconds + " s", request).header("Retry-After", seconds).build();
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        MediaType type = request.getMediaType();
        if (length != null && type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            try {
                long bytes = Long.parseLong(length.strip());
                if (bytes > config.maxJsonBytes()) {
                    return problem(413, "request-too-large", "The request exceeds a limit", "the JSON body is " + bytes
                            + " bytes, more than " + config.maxJsonBytes() + " (planwatch.limits.max-json-bytes); send fewer "
                            + "figures per request or upload a file", request).build();
                }
            } catch (NumberFormatException e) {
                return problem(400, "invalid-request", "The request is not valid", "Content-Length '" + length
                        + "' is not a number", request).build();
            }
        }
        return null;
    }

    private static Response.ResponseBuilder problem(int status, String slug, String title, String detail,
            ContainerRequestContext request) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(new Problem(Problem.type(slug), title, status, detail,
                URI.create(request.getUriInfo().getPath()), List.of()));
    }
}
