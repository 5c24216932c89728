package org.planwatch.ingest.service;

import java.util.List;
import org.planwatch.platform.problem.Violation;

/** The answer to an upload: what was accepted (and whether it changed anything) and what was rejected, and why. */
public record UploadResult(int received, int acceptedCount, int rejectedCount, List<Accepted> accepted,
        List<Violation> rejected) {

    /** {@code created} (first figure), {@code revised} (new value, new revision) or {@code unchanged} (same value again). */
    public record Accepted(int index, String observationId, String indicator, String region, String period, int revision,
            String outcome) {
    }
}
