package org.planwatch.platform.problem;

import java.util.List;

/** Thrown by services for an answer that is not 2xx; rendered as problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String slug, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException invalid(String detail, List<Violation> violations) {
        return new ProblemException(400, "invalid-request", "The request is not valid", detail, violations);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", "Not found", what + " '" + id + "' does not exist", List.of());
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "dependency-unavailable", "A service planwatch depends on is unavailable",
                detail, List.of());
    }

    public int status() {
        return status;
    }

    public Problem toProblem(java.net.URI instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, violations);
    }
}
