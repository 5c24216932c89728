package org.planwatch.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders every error a planwatch service answers as RFC 9457 problem+json. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(instance(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> Violation.ofField(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        return respond(new Problem(Problem.type("invalid-request"), "The request is not valid", 400,
                "The request has " + violations.size() + " invalid field(s)", instance(uri), violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof MismatchedInputException mismatch ? pathOf(mismatch) : null;
        String detail = "The body is not valid JSON for this endpoint: " + e.getOriginalMessage();
        List<Violation> violations = field == null ? List.of() : List.of(Violation.ofField(field, e.getOriginalMessage()));
        return respond(new Problem(Problem.type("unreadable-body"), "The request body cannot be read", 400, detail,
                instance(uri), violations));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(internalError(uri));
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new Problem(Problem.type("http-" + status), title, status, e.getMessage(), instance(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return respond(internalError(uri));
    }

    private static Problem internalError(UriInfo uri) {
        return new Problem(Problem.type("internal-error"), "Internal error", 500,
                "The request could not be completed; it has been logged", instance(uri), List.of());
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static URI instance(UriInfo uri) {
        return uri == null ? null : URI.create(uri.getPath());
    }

    /** Drops the method and parameter names Hibernate Validator puts in front of the field path. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(node -> node.getName() + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""))
                .toList();
        return names.size() > 2 ? String.join(".", names.subList(2, names.size()))
                : names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    private static String pathOf(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
