package org.planwatch.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.planwatch.platform.problem.Problem;

/**
 * 401 and 403 as problem+json whose {@code detail} says what to do: send a token, get a fresh one,
 * or ask for a role. Needs {@code quarkus.http.auth.proactive=false}, so tokens are checked while
 * the request is routed and their failures reach these mappers.
 */
public class SecurityProblemMappers {

    private static final Logger LOG = Logger.getLogger(SecurityProblemMappers.class);
    static final String CHALLENGE = "Bearer realm=\"planwatch\"";

    private final Caller caller;

    public SecurityProblemMappers(Caller caller) {
        this.caller = caller;
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized("authentication-required", "Authentication required", "this request needs a bearer token: "
                + "send 'Authorization: Bearer <token>' with a token issued by planwatch (deploy/run writes demo tokens to "
                + "deploy/.run/credentials)", uri, CHALLENGE);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        String why = reason(e);
        LOG.debugf("bearer token refused: %s", why);
        return unauthorized("invalid-token", "The bearer token is not valid", why, uri,
                CHALLENGE + ", error=\"invalid_token\", error_description=\"" + why.replace("\"", "'") + "\"");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource, Request request, UriInfo uri) {
        RolesAllowed allowed = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        String needs = allowed == null ? "" : "; it needs the role " + String.join(" or ", allowed.value());
        String detail = caller.id() + " (" + (caller.roles().isEmpty() ? "no role" : String.join(", ", caller.roles()))
                + ") may not " + request.getMethod() + " " + uri.getPath() + needs;
        return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403, detail, URI.create(uri.getPath()), List.of()), null);
    }

    /** Why a token was refused, from jose4j's verdict where there is one. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return "the bearer token has expired; get a new one";
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                    return "the bearer token's signature does not verify: it was changed, or not signed by planwatch's key";
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return "the bearer token was not issued by planwatch (claim iss)";
                }
                if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
                    return "the bearer token is not valid yet";
                }
                return "the bearer token is not valid: " + invalid.getErrorDetails().stream()
                        .map(detail -> detail.getErrorMessage()).findFirst().orElse("rejected");
            }
        }
        return "the bearer token cannot be read or verified (a JWT signed with RS256 by planwatch is expected)";
    }

    private static Response unauthorized(String slug, String title, String detail, UriInfo uri, String challenge) {
        return respond(new Problem(Problem.type(slug), title, 401, detail, uri == null ? null : URI.create(uri.getPath()),
                List.of()), challenge);
    }

    private static Response respond(Problem problem, String challenge) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (challenge != null) {
            response.header("WWW-Authenticate", challenge);
        }
        return response.build();
    }
}
