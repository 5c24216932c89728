package org.planwatch.ingest.upload;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.planwatch.ingest.upload.CsvRecordReader.CsvRecord;

/** A CSV (or SDMX-CSV) body, decoded as {@link CharsetDetection} decided and read record by record. */
final class CsvTableSource implements TableSource {

    private final CsvRecordReader reader;
    private final String description;

    CsvTableSource(CharsetDetection.DecodedText text, int maxLineChars) {
        this.reader = new CsvRecordReader(new BufferedReader(text.reader(), 64 * 1024), ',', maxLineChars);
        this.description = "CSV, " + text.charset().name() + " (" + text.how() + ")";
    }

    @Override
    public Optional<TableRow> next() throws IOException {
        return reader.next().map(CsvTableSource::row);
    }

    private static TableRow row(CsvRecord record) {
        return new TableRow(record.line(), record.fields(), Set.of());
    }

    @Override
    public String description() {
        return description;
    }
}
