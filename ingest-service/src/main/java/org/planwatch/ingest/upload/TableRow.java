package org.planwatch.ingest.upload;

import java.util.List;
import java.util.Set;

/**
 * One row of an uploaded table, whatever the format: its 1-based row number in the file (the
 * header is row 1), the cell texts, and the columns that held a formula (xlsx only).
 */
public record TableRow(long row, List<String> cells, Set<Integer> formulaColumns) {

    public String cell(int column) {
        return column < cells.size() ? cells.get(column) : "";
    }

    public boolean isBlank() {
        return formulaColumns.isEmpty() && cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}
