package org.planwatch.ingest.upload;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.planwatch.ingest.service.ObservationInput;
import org.planwatch.ingest.service.ObservationStore;
import org.planwatch.ingest.service.PostingScope;
import org.planwatch.ingest.service.ObservationValidator;
import org.planwatch.ingest.service.ObservationValidator.Rules;
import org.planwatch.ingest.service.UploadResult;
import org.planwatch.ingest.upload.UploadColumns.Field;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;
import org.planwatch.platform.security.Caller;

/**
 * Reads a bureau's file (CSV, SDMX-CSV or xlsx) row by row, judges each row with the JSON API's
 * validator and stores valid rows in chunks through {@link ObservationStore}. CSV is never held
 * in memory as a whole: only the current record and the pending chunk are. A row for a region the
 * caller may not post for is rejected; a file of nothing else is a 403.
 */
@ApplicationScoped
public class FileUploadService {

    static final int LISTED_ROWS = 1_000;
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String SDMX_CSV = "application/vnd.sdmx.data+csv";
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv", "text/plain", SDMX_CSV);
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern GROUPED_NUMBER = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Rules FILE_RULES = new Rules(PeriodSpellings::parse, true);

    /** {@code keep-valid} (default) stores the valid rows; {@code all-or-nothing} stores nothing if any row is rejected. */
    public enum Mode {
        KEEP_VALID, ALL_OR_NOTHING;

        public static Mode of(String text) {
            if (text == null || text.isBlank() || text.equals("keep-valid")) {
                return KEEP_VALID;
            }
            if (text.equals("all-or-nothing")) {
                return ALL_OR_NOTHING;
            }
            throw ProblemException.invalid("mode must be keep-valid or all-or-nothing",
                    List.of(Violation.ofField("mode", "unknown mode '" + text + "'")));
        }
    }

    private final ObservationValidator validator;
    private final ObservationStore store;
    private final UploadErrorLog errorLog;
    private final PostingScope scope;
    private final long maxBytes;
    private final long maxXlsxBytes;
    private final int maxRows;
    private final int maxLineChars;
    private final int chunkSize;

    public FileUploadService(ObservationValidator validator, ObservationStore store, UploadErrorLog errorLog, PostingScope scope,
            @ConfigProperty(name = "planwatch.upload.max-bytes", defaultValue = "52428800") long maxBytes,
            @ConfigProperty(name = "planwatch.upload.max-xlsx-bytes", defaultValue = "10485760") long maxXlsxBytes,
            @ConfigProperty(name = "planwatch.upload.max-rows", defaultValue = "200000") int maxRows,
            @ConfigProperty(name = "planwatch.upload.max-line-chars", defaultValue = "1048576") int maxLineChars,
            @ConfigProperty(name = "planwatch.upload.chunk-size", defaultValue = "1000") int chunkSize) {
        this.validator = validator;
        this.store = store;
        this.errorLog = errorLog;
        this.scope = scope;
        this.maxBytes = maxBytes;
        this.maxXlsxBytes = maxXlsxBytes;
        this.maxRows = maxRows;
        this.maxLineChars = maxLineChars;
        this.chunkSize = chunkSize;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** {@code body} cut off with a 413 problem once it is larger than {@code planwatch.upload.max-bytes}. */
    public InputStream limited(InputStream body) {
        return new LimitedInputStream(body, maxBytes);
    }

    public FileUploadResult upload(InputStream body, String contentType, Mode mode, String source, Caller caller) {
        MediaType type = mediaType(contentType);
        String essence = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        BufferedInputStream in = new BufferedInputStream(limited(body), CharsetDetection.SNIFF_BYTES + 1);
        try {
            boolean zip = startsWithZip(in);
            if (essence.equals(XLSX) || (zip && !CSV_TYPES.contains(essence))) {
                return new Run(mode, source, caller).process(new XlsxTableSource(new ByteArrayInputStream(readXlsx(in))), false);
            }
            if (!CSV_TYPES.contains(essence) && !essence.equals(OCTET_STREAM)) {
                throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                        "uploads are CSV (text/csv; charset=UTF-8 or GBK), SDMX-CSV (" + SDMX_CSV + ") or xlsx (" + XLSX
                                + "), not " + essence, List.of());
            }
            CharsetDetection.DecodedText text = CharsetDetection.open(in, charset(type));
            return new Run(mode, source, caller).process(new CsvTableSource(text, maxLineChars), essence.equals(SDMX_CSV));
        } catch (CharsetDetection.NotTextException e) {
            throw ProblemException.invalid(e.getMessage(), List.of(Violation.ofField("", "not CSV text")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
    }

    /** The state of one upload while its rows stream by. */
    private final class Run {

        private final Mode mode;
        private final String source;
        private final Caller caller;
        private final List<Violation> rejected = new ArrayList<>();
        private final Set<Long> rejectedRows = new HashSet<>();
        private final List<ObservationInput> pending = new ArrayList<>();
        private final Map<String, Long> firstRowOf = new HashMap<>();
        private final List<FileUploadResult.AcceptedRow> acceptedListed = new ArrayList<>();
        private int received;
        private int acceptedCount;
        private int outOfScope;

        Run(Mode mode, String source, Caller caller) {
            this.mode = mode;
            this.source = source;
            this.caller = caller;
        }

        FileUploadResult process(TableSource table, boolean declaredSdmx) throws IOException {
            UploadColumns columns;
            try {
                TableRow header = table.next().orElseThrow(() -> ProblemException.invalid("the file is empty; the first row "
                        + "must be a header", List.of(Violation.ofRow(1, null, "no header row"))));
                if (!header.formulaColumns().isEmpty()) {
                    throw ProblemException.invalid("the header row holds formulas", List.of(Violation.ofRow(header.row(), null,
                            "formula cells are not accepted; paste values")));
                }
                columns = UploadColumns.of(header.cells(), declaredSdmx);
                readRows(table, columns);
            } catch (CharacterCodingException e) {
                throw ProblemException.invalid("the file is not valid " + table.description() + " after row "
                        + (received + 1) + "; save it as CSV UTF-8, or declare its encoding (text/csv; charset=GBK)"
                        + storedSoFar(), List.of(Violation.ofRow(received + 2L, null, "bytes that are not " + table.description())));
            } catch (CsvRecordReader.MalformedCsvException e) {
                rejected.add(Violation.ofRow(e.line(), null, e.getMessage()));
                rejectedRows.add(e.line());
                received++;
            } catch (CsvRecordReader.RecordTooLongException e) {
                throw limit("line " + e.line() + " is longer than the limit of " + maxLineChars
                        + " characters per line (planwatch.upload.max-line-chars)", e.line());
            }
            return finish(table.description());
        }

        private void readRows(TableSource table, UploadColumns columns) throws IOException {
            Optional<TableRow> next;
            while ((next = table.next()).isPresent()) {
                TableRow row = next.get();
                if (row.isBlank()) {
                    continue;
                }
                if (++received > maxRows) {
                    throw limit("the file has more than " + maxRows + " data rows (planwatch.upload.max-rows); split it",
                            row.row());
                }
                judge(row, columns).ifPresent(pending::add);
                if (mode == Mode.KEEP_VALID && pending.size() >= chunkSize) {
                    flush();
                }
            }
        }

        private Optional<ObservationInput> judge(TableRow row, UploadColumns columns) {
            ObjectNode item = JsonNodeFactory.instance.objectNode();
            List<Violation> violations = new ArrayList<>();
            Set<String> columnsWithProblems = new HashSet<>();
            for (Map.Entry<Field, Integer> column : columns.indexOf().entrySet()) {
                Field field = column.getKey();
                String header = columns.header(field);
                if (row.formulaColumns().contains(column.getValue())) {
                    violations.add(Violation.ofRow(row.row(), header, "formula cells are not accepted; paste values"));
                    columnsWithProblems.add(header);
                    continue;
                }
                String raw = row.cell(column.getValue()).strip();
                String cell = field == Field.SOURCE ? raw : FullWidth.toHalfWidth(raw).strip();
                if (cell.isEmpty()) {
                    continue;
                }
                if (field == Field.VALUE) {
                    Optional<BigDecimal> value = number(cell);
                    if (value.isEmpty()) {
                        violations.add(Violation.ofRow(row.row(), header, "value '" + UploadColumns.abbreviate(raw)
                                + "' is not a number (1376, 1,376, 190.5 or -3.2)"));
                        columnsWithProblems.add(header);
                        continue;
                    }
                    item.set(field.jsonName(), DecimalNode.valueOf(value.get()));
                } else {
                    item.put(field.jsonName(), cell);
                }
            }
            List<Violation> found = new ArrayList<>();
            Optional<ObservationInput> input = validator.validate((int) row.row(), item,
                    (field, message) -> Violation.ofRow(row.row(), field == null ? null : columns.headerOfJsonName(field), message),
                    FILE_RULES, found);
            // A cell this reader already refused is reported once, not again as "missing".
            found.stream().filter(v -> !columnsWithProblems.contains(v.column())).forEach(violations::add);
            if (input.isPresent() && violations.isEmpty()) {
                Optional<String> denied = scope.denial(caller, input.get().region(), "row " + row.row());
                if (denied.isPresent()) {
                    outOfScope++;
                    rejected.add(Violation.ofRow(row.row(), columns.headerOfJsonName("region"), denied.get()));
                    rejectedRows.add(row.row());
                    return Optional.empty();
                }
                Long earlier = firstRowOf.putIfAbsent(input.get().observationId(), row.row());
                if (earlier == null) {
                    return input;
                }
                violations.add(Violation.ofRow(row.row(), null, "the same indicator, region and period is already row "
                        + earlier + " of this file"));
            }
            rejected.addAll(violations);
            rejectedRows.add(row.row());
            return Optional.empty();
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<UploadResult.Accepted> stored = store.storeAll(List.copyOf(pending), source, caller.id());
            pending.clear();
            acceptedCount += stored.size();
            for (UploadResult.Accepted accepted : stored) {
                if (acceptedListed.size() < LISTED_ROWS) {
                    acceptedListed.add(new FileUploadResult.AcceptedRow(accepted.index(), accepted.observationId(),
                            accepted.period(), accepted.revision(), accepted.outcome()));
                }
            }
        }

        private FileUploadResult finish(String format) {
            store.countRejected(rejectedRows.size());
            UUID id = UUID.randomUUID();
            String errorsCsv = "/api/v1/uploads/" + id + "/errors.csv";
            if (received == 0) {
                throw ProblemException.invalid("the file has a header but no data rows", List.of(Violation.ofRow(2, null, "no data rows")));
            }
            boolean refuseAll = mode == Mode.ALL_OR_NOTHING && !rejected.isEmpty();
            if (refuseAll || (pending.isEmpty() && acceptedCount == 0)) {
                errorLog.record(new UploadErrorLog.UploadSummary(id, format, received, 0, rejectedRows.size(), false,
                        caller.id()), rejected);
                if (outOfScope == received) {
                    throw new ProblemException(403, "region-forbidden", "Not allowed for this region", rejected.get(0).message()
                            + (received > 1 ? " (and so is every other row)" : "") + "; nothing was stored (all errors: "
                            + errorsCsv + ")", rejected.subList(0, Math.min(LISTED_ROWS, rejected.size())));
                }
                String why = refuseAll ? rejectedRows.size() + " of " + received + " row(s) are rejected and mode=all-or-nothing"
                        : "none of the " + received + " row(s) can be accepted";
                throw ProblemException.invalid(why + "; nothing was stored; first problem: " + describe(rejected.get(0))
                        + listed() + " (all errors: " + errorsCsv + ")",
                        rejected.subList(0, Math.min(LISTED_ROWS, rejected.size())));
            }
            flush();
            errorLog.record(new UploadErrorLog.UploadSummary(id, format, received, acceptedCount, rejectedRows.size(), true,
                    caller.id()), rejected);
            return new FileUploadResult(id, format, received, acceptedCount, rejectedRows.size(), acceptedListed,
                    acceptedCount > acceptedListed.size(), rejected.subList(0, Math.min(LISTED_ROWS, rejected.size())),
                    rejected.size() > LISTED_ROWS, errorsCsv);
        }

        private static String describe(Violation violation) {
            return "row " + violation.row() + (violation.column() == null ? "" : " (" + violation.column() + ")") + ": "
                    + violation.message();
        }

        private String listed() {
            return rejected.size() > LISTED_ROWS ? "; the first " + LISTED_ROWS + " errors are listed" : "";
        }

        private ProblemException limit(String detail, long row) {
            return new ProblemException(413, "upload-limit-exceeded", "The upload exceeds a limit", detail + storedSoFar(),
                    List.of(Violation.ofRow(row, null, detail)));
        }

        private String storedSoFar() {
            return acceptedCount == 0 ? "; nothing was stored"
                    : "; " + acceptedCount + " figure(s) of the rows before it were already stored";
        }
    }

    /** A cell as a number: full-width digits were mapped already; thousands separators only in groups of three. */
    static Optional<BigDecimal> number(String cell) {
        String text = cell.replace(" ", "");
        if (text.indexOf(',') >= 0) {
            if (!GROUPED_NUMBER.matcher(text).matches()) {
                return Optional.empty();
            }
            text = text.replace(",", "");
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] readXlsx(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxXlsxBytes + 1));
        if (bytes.length > maxXlsxBytes) {
            throw new ProblemException(413, "upload-limit-exceeded", "The upload exceeds a limit", "an .xlsx upload is at most "
                    + maxXlsxBytes + " bytes (planwatch.upload.max-xlsx-bytes); save larger tables as CSV", List.of());
        }
        return bytes;
    }

    private static boolean startsWithZip(BufferedInputStream in) throws IOException {
        byte[] head = CharsetDetection.peek(in, 4);
        return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                    "the Content-Type '" + contentType + "' cannot be read", List.of());
        }
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get("charset");
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                    "charset '" + name + "' is not known; use UTF-8, GBK or GB18030", List.of());
        }
    }

    /** Stops reading at the size limit with a problem naming it, instead of letting a huge body fill the disk or heap. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {

        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(long n) {
            count += n;
            if (count > limit) {
                throw new ProblemException(413, "upload-limit-exceeded", "The upload exceeds a limit",
                        "the upload is larger than " + limit + " bytes (planwatch.upload.max-bytes); split the file", List.of());
            }
        }
    }
}
