package org.planwatch.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes plausible, clearly simulated statistics for catalog targets: annual or monthly figures
 * from each target's baseline to the month the demo stands at. Most series move on pace, some
 * lag, one regresses, one is strongly seasonal (60% of its year in the second half) and one is
 * revised. The same seed gives the same figures.
 */
public final class SeriesGenerator {

    public static final String SOURCE = "demo (simulated)";
    private static final Set<String> COUNTS = Set.of("家", "个", "项", "件", "人", "名", "所", "座", "处", "台", "套", "条",
            "场", "次", "户", "人次");
    /** Cumulative share of a year's output reached by each month when 60% comes in the second half. */
    static final double[] SEASONAL = {0.04, 0.08, 0.15, 0.21, 0.28, 0.40, 0.49, 0.58, 0.67, 0.77, 0.88, 1.0};

    /** One figure to post, in ingest-service's JSON shape. */
    public record Row(String indicator, String region, String period, double value, String unit, String basis,
            String source) {
    }

    /** What the demo does with one target, and the figures it posts for it. */
    public record Series(String targetId, String scenario, List<Row> rows, List<Row> revisions) {
    }

    private final Random random;
    private final int asOfYear;
    private final int asOfMonth;
    private final String featuredLagging;

    /**
     * @param asOfYear        with {@code asOfMonth}, the month the demo stands at: monthly figures up to
     *                        the month before, annual ones up to the year before
     * @param featuredLagging a target whose figures lag in every period (the README's example)
     */
    public SeriesGenerator(long seed, int asOfYear, int asOfMonth, String featuredLagging) {
        this.random = new Random(seed);
        this.asOfYear = asOfYear;
        this.asOfMonth = asOfMonth;
        this.featuredLagging = featuredLagging;
    }

    /** One series per indicator and region, driven by the first of its targets (by id). */
    public List<Series> generate(List<JsonNode> targets) {
        Map<String, JsonNode> bySeries = new LinkedHashMap<>();
        targets.stream()
                .filter(t -> t.path("retiredAt").isNull() || t.path("retiredAt").isMissingNode())
                .sorted((a, b) -> a.path("id").asText().compareTo(b.path("id").asText()))
                .forEach(t -> bySeries.putIfAbsent(code(t) + "|" + region(t), t));
        Set<String> special = new LinkedHashSet<>(Set.of(featuredLagging));
        String regressing = pick(bySeries.values(), special, t -> isLevel(t) && deadlineYear(t) > asOfYear
                && ">=".equals(t.path("comparator").asText()));
        String seasonal = pick(bySeries.values(), special, t -> "annual".equals(t.path("trajectory").asText())
                && deadlineYear(t) >= asOfYear);
        String revised = pick(bySeries.values(), special, t -> isLevel(t) && deadlineYear(t) > asOfYear);
        List<Series> result = new ArrayList<>();
        for (JsonNode target : bySeries.values()) {
            String id = target.path("id").asText();
            double draw = random.nextDouble();
            double pace;
            String scenario;
            if (id.equals(featuredLagging)) {
                scenario = "lagging (featured)";
                pace = 0.11;
            } else if (id.equals(regressing)) {
                scenario = "regressing";
                pace = -0.3;
            } else if (draw < 0.55) {
                scenario = "on track";
                pace = 1.0 + random.nextDouble() * 0.15;
            } else if (draw < 0.75) {
                scenario = "at risk";
                pace = 0.7 + random.nextDouble() * 0.2;
            } else if (draw < 0.9) {
                scenario = "lagging";
                pace = 0.2 + random.nextDouble() * 0.3;
            } else {
                scenario = "ahead";
                pace = 1.25 + random.nextDouble() * 0.2;
            }
            List<Row> rows;
            if (id.equals(seasonal)) {
                scenario = "seasonal";
                rows = seasonal(target);
            } else {
                rows = rows(target, pace);
            }
            List<Row> revisions = new ArrayList<>();
            if (id.equals(revised) && !rows.isEmpty()) {
                scenario = scenario + ", revised";
                Row last = rows.get(rows.size() - 1);
                revisions.add(new Row(last.indicator(), last.region(), last.period(), round(last.value() * 1.03, last.unit()),
                        last.unit(), last.basis(), SOURCE + ", revised"));
            }
            result.add(new Series(id, scenario, rows, revisions));
        }
        return result;
    }

    private static String pick(Iterable<JsonNode> targets, Set<String> taken, Predicate<JsonNode> wanted) {
        for (JsonNode target : targets) {
            String id = target.path("id").asText();
            if (!taken.contains(id) && wanted.test(target)) {
                taken.add(id);
                return id;
            }
        }
        return null;
    }

    private List<Row> rows(JsonNode target, double pace) {
        return switch (target.path("trajectory").asText()) {
            case "linear", "compound" -> levels(target, pace);
            case "hold" -> hold(target, pace);
            case "annual" -> annual(target, pace);
            case "cumulative" -> cumulative(target, pace);
            case "growth" -> growth(target, pace);
            default -> List.of();
        };
    }

    /** The last year with an annual figure: the year before the demo's, and not past the deadline. */
    private int lastAnnualYear(JsonNode target) {
        boolean monthDeadline = target.path("deadline").asText().length() > 4;
        return Math.min(asOfYear - 1, deadlineYear(target) - (monthDeadline ? 1 : 0));
    }

    private List<Row> levels(JsonNode target, double pace) {
        double v = target.path("targetValue").asDouble();
        boolean floor = ">=".equals(target.path("comparator").asText());
        List<Row> rows = new ArrayList<>();
        double b;
        int baseYear;
        if (target.path("baseline").isObject()) {
            b = target.path("baseline").path("value").asDouble();
            baseYear = Integer.parseInt(target.path("baseline").path("period").asText().substring(0, 4));
        } else {
            // No baseline in the plan: the first simulated figure becomes it.
            b = round(floor ? v * 0.78 : v * 1.2, unit(target));
            baseYear = Math.min(2022, deadlineYear(target) - 2);
            rows.add(row(target, Integer.toString(baseYear), b));
        }
        if (b == v) {
            b = floor ? v * 0.9 : v * 1.1;
        }
        int deadline = deadlineYear(target);
        for (int year = baseYear + 1; year <= lastAnnualYear(target); year++) {
            double tau = (double) (year - baseYear) / Math.max(1, deadline - baseYear);
            double value = b + (v - b) * Math.min(1, tau) * pace * (1 + noise(0.02));
            rows.add(row(target, Integer.toString(year), value));
        }
        String deadlineText = target.path("deadline").asText();
        if (deadlineText.length() > 4 && deadlineYear(target) < asOfYear) {
            // 到2024年5月底: the figure for the deadline month itself.
            rows.add(row(target, deadlineText, b + (v - b) * pace * (1 + noise(0.02))));
        }
        return rows;
    }

    private List<Row> hold(JsonNode target, double pace) {
        double v = target.path("targetValue").asDouble();
        int direction = ">=".equals(target.path("comparator").asText()) ? 1 : -1;
        List<Row> rows = new ArrayList<>();
        for (int year = 2023; year <= lastAnnualYear(target); year++) {
            boolean breach = pace < 0.5 && year == lastAnnualYear(target);
            double margin = breach ? -0.015 : 0.01 + random.nextDouble() * 0.02;
            rows.add(row(target, Integer.toString(year), v * (1 + direction * margin)));
        }
        return rows;
    }

    private List<Row> annual(JsonNode target, double pace) {
        double v = target.path("targetValue").asDouble();
        int start = startYear(target, 2024);
        List<Row> rows = new ArrayList<>();
        for (int year = start; year <= lastAnnualYear(target); year++) {
            rows.add(row(target, Integer.toString(year), v * pace * (1 + noise(0.03)), "ytd"));
        }
        if (deadlineYear(target) >= asOfYear) {
            for (int month = 1; month < asOfMonth; month++) {
                rows.add(row(target, String.format("%04d-%02d", asOfYear, month), v * pace * month / 12.0, "ytd"));
            }
        }
        return rows;
    }

    /** Three years of monthly year-to-date figures with 60% of each year in the second half, then this year on pace. */
    private List<Row> seasonal(JsonNode target) {
        double v = target.path("targetValue").asDouble();
        List<Row> rows = new ArrayList<>();
        for (int year = asOfYear - 3; year < asOfYear; year++) {
            double total = v * (0.98 + random.nextDouble() * 0.08);
            for (int month = 1; month <= 12; month++) {
                rows.add(row(target, String.format("%04d-%02d", year, month), total * SEASONAL[month - 1], "ytd"));
            }
        }
        for (int month = 1; month < asOfMonth; month++) {
            rows.add(row(target, String.format("%04d-%02d", asOfYear, month), v * 1.01 * SEASONAL[month - 1], "ytd"));
        }
        return rows;
    }

    private List<Row> cumulative(JsonNode target, double pace) {
        double v = target.path("targetValue").asDouble();
        int start = startYear(target, 2024);
        int years = Math.max(1, deadlineYear(target) - start + 1);
        List<Row> rows = new ArrayList<>();
        for (int year = start; year <= lastAnnualYear(target); year++) {
            rows.add(row(target, Integer.toString(year), v / years * pace * (1 + noise(0.05)), "ytd"));
        }
        return rows;
    }

    private List<Row> growth(JsonNode target, double pace) {
        double rate = target.path("targetValue").asDouble() / 100 * pace;
        List<Row> rows = new ArrayList<>();
        if ("year_on_year".equals(target.path("growthKind").asText())) {
            for (int year = 2023; year <= lastAnnualYear(target); year++) {
                rows.add(new Row(code(target), region(target), Integer.toString(year),
                        round(rate * 100 * (1 + noise(0.05)), "%"), "%", "yoy", SOURCE));
            }
            return rows;
        }
        String unit = target.path("indicator").path("unit").asText();
        boolean stated = target.path("baseline").isObject();
        double b = stated ? target.path("baseline").path("value").asDouble() : 100;
        int baseYear = stated ? Integer.parseInt(target.path("baseline").path("period").asText().substring(0, 4)) : 2022;
        if (!stated) {
            rows.add(new Row(code(target), region(target), Integer.toString(baseYear), b, unit, "level", SOURCE));
        }
        for (int year = baseYear + 1; year <= lastAnnualYear(target); year++) {
            rows.add(new Row(code(target), region(target), Integer.toString(year),
                    round(b * Math.pow(1 + rate, year - baseYear), unit), unit, "level", SOURCE));
        }
        return rows;
    }

    private Row row(JsonNode target, String period, double value) {
        String basis = target.path("indicator").path("basis").asText();
        return row(target, period, value, "yoy".equals(basis) ? "level" : basis);
    }

    private Row row(JsonNode target, String period, double value, String basis) {
        return new Row(code(target), region(target), period, round(value, unit(target)), unit(target), basis, SOURCE);
    }

    private double noise(double scale) {
        return (random.nextDouble() * 2 - 1) * scale;
    }

    static double round(double value, String unit) {
        if (COUNTS.contains(unit)) {
            return Math.round(value);
        }
        return Math.round(value * 100) / 100.0;
    }

    private static boolean isLevel(JsonNode target) {
        String trajectory = target.path("trajectory").asText();
        return "linear".equals(trajectory) || "compound".equals(trajectory);
    }

    private static int deadlineYear(JsonNode target) {
        return Integer.parseInt(target.path("deadline").asText().substring(0, 4));
    }

    private static int startYear(JsonNode target, int fallback) {
        String start = target.path("startPeriod").asText("");
        return start.length() >= 4 ? Integer.parseInt(start.substring(0, 4)) : fallback;
    }

    private static String unit(JsonNode target) {
        return target.path("unit").asText();
    }

    private static String code(JsonNode target) {
        return target.path("indicator").path("code").asText();
    }

    private static String region(JsonNode target) {
        return target.path("region").path("code").asText();
    }
}
