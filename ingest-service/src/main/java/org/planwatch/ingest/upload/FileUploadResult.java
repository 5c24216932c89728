package org.planwatch.ingest.upload;

import java.util.List;
import java.util.UUID;
import org.planwatch.platform.problem.Violation;

/**
 * The answer to a file upload. {@code accepted} and {@code rejected} list at most
 * {@value FileUploadService#LISTED_ROWS} rows each ({@code acceptedTruncated} / {@code rejectedTruncated}
 * say when more exist); every rejected row is in {@code errorsCsv}.
 */
public record FileUploadResult(UUID uploadId, String format, int received, int acceptedCount, int rejectedCount,
        List<AcceptedRow> accepted, boolean acceptedTruncated, List<Violation> rejected, boolean rejectedTruncated,
        String errorsCsv) {

    /** {@code created}, {@code revised} or {@code unchanged}, as for the JSON API; {@code row} counts the header as row 1. */
    public record AcceptedRow(long row, String observationId, String period, int revision, String outcome) {
    }
}
