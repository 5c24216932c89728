package org.planwatch.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request: the field it concerns (a JSON path such as {@code [0].period}),
 * or for uploaded files the row and column, and a message a clerk can act on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String field, Long row, String column, String message) {

    public static Violation ofField(String field, String message) {
        return new Violation(field, null, null, message);
    }

    public static Violation ofRow(long row, String column, String message) {
        return new Violation(null, row, column, message);
    }
}
