package org.planwatch.ingest.upload;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A streaming RFC 4180 reader: one record at a time, quoted fields with embedded commas, quotes ("")
 * and line breaks, CRLF or LF line ends. It keeps only the current record in memory and refuses a
 * record longer than {@code maxRecordChars}, so one endless line cannot exhaust the heap.
 */
public final class CsvRecordReader {

    /** One record and the 1-based line of the file it starts on (the header is line 1). */
    public record CsvRecord(long line, List<String> fields) {

        public boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /** The file cannot be read as CSV from {@code line} on; nothing after it is trustworthy. */
    public static final class MalformedCsvException extends RuntimeException {

        private final long line;

        public MalformedCsvException(long line, String message) {
            super(message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /** A record longer than the limit. */
    public static final class RecordTooLongException extends RuntimeException {

        private final long line;

        RecordTooLongException(long line, String message) {
            super(message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private static final int EOF = -1;

    private final Reader reader;
    private final char delimiter;
    private final int maxRecordChars;
    private long line = 1;
    private int pushedBack = -2;

    public CsvRecordReader(Reader reader, char delimiter, int maxRecordChars) {
        this.reader = reader;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or empty at the end of the file. */
    public Optional<CsvRecord> next() throws IOException {
        int c = read();
        if (c == EOF) {
            return Optional.empty();
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int recordChars = 0;
        boolean quoted = false;
        boolean afterClosingQuote = false;
        while (true) {
            if (++recordChars > maxRecordChars) {
                throw new RecordTooLongException(startLine, "line " + startLine + " is longer than the limit of "
                        + maxRecordChars + " characters per line");
            }
            if (quoted) {
                if (c == EOF) {
                    throw new MalformedCsvException(startLine, "the quoted field opened on line " + startLine
                            + " is never closed (is the file truncated?)");
                }
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterClosingQuote = true;
                        c = following;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                afterClosingQuote = false;
            } else if (c == '\n' || c == '\r' || c == EOF) {
                if (c == '\r') {
                    int following = read();
                    if (following != '\n') {
                        unread(following);
                    }
                }
                if (c != EOF) {
                    line++;
                }
                fields.add(field.toString());
                return Optional.of(new CsvRecord(startLine, List.copyOf(fields)));
            } else if (c == '"' && field.isEmpty() && !afterClosingQuote) {
                quoted = true;
            } else if (afterClosingQuote) {
                throw new MalformedCsvException(startLine, "line " + startLine + ": text after the closing quote of a field "
                        + "(a quote inside a quoted field must be doubled: \"\")");
            } else {
                // A stray quote inside an unquoted field is kept as text, as Excel does.
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return reader.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
