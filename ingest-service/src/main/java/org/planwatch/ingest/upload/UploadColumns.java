package org.planwatch.ingest.upload;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.planwatch.platform.problem.ProblemException;
import org.planwatch.platform.problem.Violation;

/**
 * The header row of an uploaded table: which column holds which field. English names, the
 * Chinese ones bureau exports use, and SDMX-CSV's dimension names are all accepted.
 */
public final class UploadColumns {

    /** A field of an observation, named as the JSON API names it, with the header spellings that mean it. */
    public enum Field {
        INDICATOR("indicator", true, "indicator", "指标", "指标代码", "INDICATOR"),
        REGION("region", true, "region", "地区", "地区代码", "REF_AREA"),
        PERIOD("period", true, "period", "时期", "期别", "TIME_PERIOD"),
        VALUE("value", true, "value", "数值", "值", "OBS_VALUE"),
        UNIT("unit", true, "unit", "单位", "UNIT_MEASURE"),
        BASIS("basis", false, "basis", "口径", "BASIS"),
        SOURCE("source", false, "source", "来源");

        final String jsonName;
        final boolean required;
        final List<String> spellings;

        Field(String jsonName, boolean required, String... spellings) {
            this.jsonName = jsonName;
            this.required = required;
            this.spellings = List.of(spellings);
        }

        public String jsonName() {
            return jsonName;
        }

        static Optional<Field> of(String header) {
            String normalised = FullWidth.toHalfWidth(header).strip().toLowerCase(Locale.ROOT);
            for (Field field : values()) {
                for (String spelling : field.spellings) {
                    if (spelling.toLowerCase(Locale.ROOT).equals(normalised)) {
                        return Optional.of(field);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** SDMX-CSV's first column names the dataflow; planwatch reads it but does not need it. */
    static final String SDMX_DATAFLOW = "DATAFLOW";

    private final Map<Field, Integer> indexOf;
    private final Map<Field, String> headerOf;

    private UploadColumns(Map<Field, Integer> indexOf, Map<Field, String> headerOf) {
        this.indexOf = indexOf;
        this.headerOf = headerOf;
    }

    /** Reads the header row; a 400 problem when a required column is missing or a field is named twice. */
    public static UploadColumns of(List<String> header, boolean sdmx) {
        Map<Field, Integer> indexOf = new EnumMap<>(Field.class);
        Map<Field, String> headerOf = new EnumMap<>(Field.class);
        List<Violation> violations = new java.util.ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Optional<Field> field = Field.of(name);
            if (field.isEmpty()) {
                continue; // Extra columns (names, notes) are common in exports and are ignored.
            }
            if (indexOf.putIfAbsent(field.get(), i) != null) {
                violations.add(Violation.ofRow(1, name, "column '" + name + "' names " + field.get().jsonName
                        + " a second time (first: '" + headerOf.get(field.get()) + "')"));
            }
            headerOf.putIfAbsent(field.get(), name.strip());
        }
        if (sdmx && (header.isEmpty() || !SDMX_DATAFLOW.equalsIgnoreCase(header.get(0).strip()))) {
            violations.add(Violation.ofRow(1, header.isEmpty() ? null : header.get(0),
                    "an SDMX-CSV file starts with the column DATAFLOW"));
        }
        for (Field field : Field.values()) {
            if (field.required && !indexOf.containsKey(field)) {
                violations.add(Violation.ofRow(1, null, "no column for " + field.jsonName + " (accepted headers: "
                        + String.join(", ", field.spellings) + ")"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("the header row (row 1) must name the columns indicator, region, period, value, "
                    + "unit (optional basis, source), in English, Chinese (指标, 地区, 时期, 数值, 单位, 口径, 来源) or SDMX-CSV; "
                    + "found: " + abbreviate(String.join(",", header)), violations);
        }
        return new UploadColumns(indexOf, headerOf);
    }

    static boolean looksLikeSdmx(List<String> header) {
        return !header.isEmpty() && SDMX_DATAFLOW.equalsIgnoreCase(FullWidth.toHalfWidth(header.get(0)).strip());
    }

    public Map<Field, Integer> indexOf() {
        return indexOf;
    }

    /** The column header as the file spells it, for row violations. */
    public String header(Field field) {
        return headerOf.get(field);
    }

    /** The header of a JSON field name ({@code value} → 数值), or the name itself. */
    public String headerOfJsonName(String jsonName) {
        for (Map.Entry<Field, String> entry : headerOf.entrySet()) {
            if (entry.getKey().jsonName.equals(jsonName)) {
                return entry.getValue();
            }
        }
        return jsonName;
    }

    static String abbreviate(String text) {
        String printable = text.codePoints().map(c -> Character.isISOControl(c) || c == 0xFFFD ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 120 ? printable : printable.substring(0, 120) + "…";
    }
}
