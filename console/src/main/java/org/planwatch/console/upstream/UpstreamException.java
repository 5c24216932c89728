package org.planwatch.console.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service answered with an error (its problem+json is kept: {@code detail} is what the error
 * page shows, {@code violations} name the fields or rows) or could not be reached ({@code status} 502).
 */
public class UpstreamException extends RuntimeException {

    public final Service service;
    public final int status;
    public final JsonNode problem;

    public UpstreamException(Service service, int status, String message, JsonNode problem) {
        super(message);
        this.service = service;
        this.status = status;
        this.problem = problem;
    }
}
