package org.planwatch.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.planwatch.ingest.catalog.ReferenceData;
import org.planwatch.platform.security.Caller;
import org.planwatch.platform.security.RegionScope;

/**
 * Whether the caller may post a figure for a region: an administrator for any, a bureau for the
 * regions of its token and every region under them in indicator-service's region tree.
 */
@ApplicationScoped
public class PostingScope {

    private final ReferenceData reference;

    public PostingScope(ReferenceData reference) {
        this.reference = reference;
    }

    /** Why {@code caller} may not post {@code where} ("row 7", "item 2") for {@code region}; empty when it may. */
    public Optional<String> denial(Caller caller, String region, String where) {
        return RegionScope.denial(caller, region, where, reference::parentOf);
    }
}
