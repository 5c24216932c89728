package org.planwatch.ingest.upload;

import java.io.IOException;
import java.util.Optional;

/** Rows of an uploaded table, read one at a time; the first is the header. */
public interface TableSource {

    Optional<TableRow> next() throws IOException;

    /** How the file was read, e.g. "CSV, GB18030 (detected)", for the answer. */
    String description();
}
