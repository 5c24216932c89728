package org.planwatch.indicator.importer;

import java.util.List;

/** What the importer read from one text: proposed targets, and past figures that may serve as baselines. */
public record ImportResult(List<Candidate> candidates, List<Baseline> baselines) {

    public ImportResult {
        candidates = List.copyOf(candidates);
        baselines = List.copyOf(baselines);
    }
}
