package org.planwatch.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.planwatch.ingest.upload.CsvRecordReader.CsvRecord;

class CsvRecordReaderTest {

    private static List<CsvRecord> readAll(String csv, int maxChars) throws IOException {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(csv), ',', maxChars);
        List<CsvRecord> records = new ArrayList<>();
        Optional<CsvRecord> next;
        while ((next = reader.next()).isPresent()) {
            records.add(next.get());
        }
        return records;
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaksAndLinesAreCounted() throws IOException {
        List<CsvRecord> records = readAll("a,b,c\r\n\"1,376\",\"say \"\"hi\"\"\",x\n\"two\nlines\",,\"\"\nlast,row,end", 1000);
        assertThat(records).hasSize(4);
        assertThat(records.get(1).fields()).containsExactly("1,376", "say \"hi\"", "x");
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(2).fields()).containsExactly("two\nlines", "", "");
        assertThat(records.get(2).line()).isEqualTo(3);
        assertThat(records.get(3).line()).as("the record after a two-line field starts on line 5").isEqualTo(5);
        assertThat(records.get(3).fields()).containsExactly("last", "row", "end");
    }

    @Test
    void aTrailingNewlineAddsNoRecordAndABlankLineIsBlank() throws IOException {
        List<CsvRecord> records = readAll("a,b\n\n1,2\n", 1000);
        assertThat(records).hasSize(3);
        assertThat(records.get(1).isBlank()).isTrue();
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpenedOn() {
        assertThatThrownBy(() -> readAll("a,b\n1,2\n\"never closed,3\n4,5\n", 1000))
                .isInstanceOf(CsvRecordReader.MalformedCsvException.class).hasMessageContaining("line 3")
                .extracting(e -> ((CsvRecordReader.MalformedCsvException) e).line()).isEqualTo(3L);
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        assertThatThrownBy(() -> readAll("a,b\n\"x\"y,2\n", 1000)).isInstanceOf(CsvRecordReader.MalformedCsvException.class);
    }

    @Test
    void aRecordLongerThanTheLimitIsRefusedWithoutReadingOn() {
        String longLine = "x".repeat(5_000);
        assertThatThrownBy(() -> readAll("a,b\n" + longLine + ",1\n", 1_000))
                .isInstanceOf(CsvRecordReader.RecordTooLongException.class).hasMessageContaining("line 2");
    }
}
