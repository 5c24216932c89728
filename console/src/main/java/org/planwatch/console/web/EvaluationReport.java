package org.planwatch.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * indicator-service's evaluation report (GET /api/v1/plans/{id}/report) as the page and the .xlsx
 * file show it. Every number is the service's, written out as it came (no rounding here).
 */
public final class EvaluationReport {

    /** The supervision words of each status, in the order of the service's counts (worst first). */
    static final Map<String, String> STATUS_ZH = Map.ofEntries(Map.entry("ACHIEVED", "已完成"),
            Map.entry("ON_TRACK", "符合序时进度"), Map.entry("AT_RISK", "略滞后"), Map.entry("LAGGING", "滞后"),
            Map.entry("REGRESSING", "倒退"), Map.entry("MISSED", "未完成"), Map.entry("NO_BASELINE", "无基期"),
            Map.entry("BREACHED", "未守住底线"), Map.entry("NOT_JUDGED", "不予评价"), Map.entry("NOT_REPORTED", "未报送"));

    static final List<String> XLSX_HEADER = List.of("牵头单位 lead department", "指标 indicator", "地区 region",
            "基期值 baseline", "基期 baseline period", "目标值 target", "单位 unit", "目标年限 deadline", "最新数据时期 period",
            "最新数据 latest figure", "序时目标值 expected", "差距 gap", "完成进度 completion %", "序时进度 time %",
            "状态 status", "配合单位 cooperating", "数据版本 revision", "评估时间 evaluated at", "目标编号 target id");

    public record Count(String status, String label, long count) {
    }

    public record Line(String targetId, String indicator, String region, String baseline, String baselinePeriod,
            String target, String unit, String comparator, String deadline, String period, String actual, String expected,
            String gap, String completion, String time, String status, String statusZh, String cooperating,
            String revision, String evaluatedAt) {
    }

    public record Section(String department, List<Count> counts, List<Line> rows) {
    }

    public record View(String planId, String title, String documentNumber, String asOf, String generatedAt, int targets,
            List<Count> counts, List<Section> sections) {
    }

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EvaluationReport() {
    }

    static View view(JsonNode report) {
        List<Section> sections = new ArrayList<>();
        for (JsonNode section : report.path("departments")) {
            List<Line> lines = new ArrayList<>();
            section.path("rows").forEach(row -> lines.add(line(row)));
            sections.add(new Section(section.path("department").asText(), counts(section.path("byStatus")), lines));
        }
        JsonNode plan = report.path("plan");
        return new View(plan.path("id").asText(), plan.path("title").asText(), plan.path("documentNumber").asText(""),
                beijing(report.path("asOf").asText()), beijing(report.path("generatedAt").asText()), report.path("targets").asInt(),
                counts(report.path("byStatus")), sections);
    }

    /** The rows of the .xlsx file: one per department and target, numbers as numbers. */
    static List<List<Object>> xlsxRows(JsonNode report) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode section : report.path("departments")) {
            for (JsonNode row : section.path("rows")) {
                List<Object> cells = new ArrayList<>();
                cells.add(section.path("department").asText());
                cells.add(row.path("indicatorNameZh").asText());
                cells.add(row.path("regionNameZh").asText() + " " + row.path("region").asText());
                cells.add(decimal(row.get("baseline")));
                cells.add(text(row.get("baselinePeriod")));
                cells.add(decimal(row.get("targetValue")));
                cells.add(row.path("unit").asText());
                cells.add(row.path("deadline").asText());
                cells.add(text(row.get("period")));
                cells.add(decimal(row.get("actual")));
                cells.add(decimal(row.get("expected")));
                cells.add(decimal(row.get("gap")));
                cells.add(decimal(row.get("completionProgress")));
                cells.add(decimal(row.get("timeProgress")));
                cells.add(row.path("statusZh").asText());
                cells.add(String.join("、", strings(row.path("cooperatingDepartments"))));
                cells.add(row.hasNonNull("observationRevision") ? row.get("observationRevision").asInt() : null);
                cells.add(text(row.get("evaluatedAt")));
                cells.add(row.path("targetId").asText());
                rows.add(cells);
            }
        }
        return rows;
    }

    private static Line line(JsonNode row) {
        return new Line(row.path("targetId").asText(), row.path("indicatorNameZh").asText(), row.path("regionNameZh").asText(),
                number(row.get("baseline")), text(row.get("baselinePeriod")), number(row.get("targetValue")),
                row.path("unit").asText(), row.path("comparator").asText(), row.path("deadline").asText(),
                text(row.get("period")), number(row.get("actual")), number(row.get("expected")), number(row.get("gap")),
                number(row.get("completionProgress")), number(row.get("timeProgress")), row.path("status").asText(),
                row.path("statusZh").asText(), String.join("、", strings(row.path("cooperatingDepartments"))),
                row.hasNonNull("observationRevision") ? row.get("observationRevision").asText() : null,
                text(row.get("evaluatedAt")));
    }

    private static List<Count> counts(JsonNode byStatus) {
        List<Count> counts = new ArrayList<>();
        byStatus.fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                counts.add(new Count(e.getKey(), STATUS_ZH.getOrDefault(e.getKey(), e.getKey()), e.getValue().asLong()));
            }
        });
        return counts;
    }

    /** An instant as Beijing wall-clock time to the second ("2024-12-31 23:59:59"); the text itself if it is not one. */
    static String beijing(String instant) {
        try {
            return OffsetDateTime.parse(instant).atZoneSameInstant(BEIJING).format(SECONDS);
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** A number as the service wrote it: 33.3 stays 33.3, 1488 stays 1488 (never 1.488E3). */
    static String number(JsonNode value) {
        BigDecimal decimal = decimal(value);
        return decimal == null ? null : decimal.toPlainString();
    }

    private static BigDecimal decimal(JsonNode value) {
        return value == null || !value.isNumber() ? null : value.decimalValue();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }
}
