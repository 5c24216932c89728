package org.planwatch.deploy.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic national catalog, deterministic with a seed: counties grouped ten to a prefecture
 * and ten prefectures to a province (codes 50xxxx upwards, clear of the real catalog's 37xxxx),
 * {@value #INDICATORS} monthly indicators, and one target per county and indicator (a plan per
 * prefecture): baseline at the end of 2025, +24% by the end of 2027, linear. The month-end is
 * October 2026, when a target on track stands at baseline × 1.10.
 *
 * <p>Each target's October figure is drawn so that about 80% are on track and 20% raise a LAG
 * alert (at risk, lagging or regressing); the generator knows which, so the benchmark can check
 * that exactly those alerts arrive. County 0 is kept out of the month-end and used by the latency probe.
 */
public record NationalCatalog(int counties, long seed) {

    public static final int INDICATORS = 200;
    public static final String PERIOD = "2026-10";
    /** Every synthetic target's id starts with it (no target of the built-in catalog does). */
    public static final String TARGET_PREFIX = "bench-";

    static final String UNIT = "家";

    public NationalCatalog {
        if (counties < 2) {
            throw new IllegalArgumentException("a catalog needs at least two counties (one is the latency probe's)");
        }
    }

    public static NationalCatalog ofTargets(int targets, long seed) {
        return new NationalCatalog(Math.max(2, targets / INDICATORS), seed);
    }

    public int targets() {
        return counties * INDICATORS;
    }

    public String countyCode(int county) {
        int prefecture = county / 10;
        int province = prefecture / 10;
        return String.format("%02d%02d%02d", 50 + province, 1 + prefecture % 10, 1 + county % 10);
    }

    static String prefectureCode(int prefecture) {
        return String.format("%02d%02d00", 50 + prefecture / 10, 1 + prefecture % 10);
    }

    static String provinceCode(int province) {
        return String.format("%02d0000", 50 + province);
    }

    public static String indicatorCode(int indicator) {
        return String.format("bench_i%03d", indicator);
    }

    public String targetId(int county, int indicator) {
        return TARGET_PREFIX + prefectureCode(county / 10).substring(0, 4) + "." + indicatorCode(indicator) + "-" + countyCode(county);
    }

    /** The baseline of a target (end of 2025), 100–999. */
    public BigDecimal baseline(int county, int indicator) {
        return BigDecimal.valueOf(100 + Math.floorMod(mix(county, indicator, 1), 900));
    }

    /** What the month-end figure of a target is meant to show. */
    public enum Outcome {
        ON_TRACK(1.02), AT_RISK(0.80), LAGGING(0.30), REGRESSING(-0.50);

        final double progressRatio;

        Outcome(double progressRatio) {
            this.progressRatio = progressRatio;
        }

        public boolean alerts() {
            return this != ON_TRACK;
        }
    }

    public Outcome outcome(int county, int indicator) {
        int draw = Math.floorMod(mix(county, indicator, 2), 100);
        return draw < 80 ? Outcome.ON_TRACK : draw < 90 ? Outcome.AT_RISK : draw < 95 ? Outcome.LAGGING : Outcome.REGRESSING;
    }

    /** The October 2026 figure: baseline × (1 + 0.10 × progress ratio), two decimals. */
    public BigDecimal figure(int county, int indicator, Outcome outcome) {
        BigDecimal baseline = baseline(county, indicator);
        return baseline.multiply(BigDecimal.valueOf(1 + 0.10 * outcome.progressRatio)).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** How many month-end figures (every county but the probe's) will raise a LAG alert. */
    public int expectedAlerts() {
        int alerts = 0;
        for (int county = 1; county < counties; county++) {
            for (int indicator = 0; indicator < INDICATORS; indicator++) {
                if (outcome(county, indicator).alerts()) {
                    alerts++;
                }
            }
        }
        return alerts;
    }

    public int monthEndFigures() {
        return (counties - 1) * INDICATORS;
    }

    private long mix(int county, int indicator, int salt) {
        return new SplittableRandom(seed ^ (county * 1_000_003L + indicator * 7919L + salt * 104_729L)).nextLong();
    }

    /** Writes the catalog directory indicator-service loads with {@code planwatch.catalog.directory}. */
    public void write(Path directory, ObjectMapper json) {
        try {
            Files.createDirectories(directory.resolve("plans"));
            writeRegions(directory.resolve("regions.yaml"), json);
            List<Map<String, Object>> indicators = new ArrayList<>();
            for (int i = 0; i < INDICATORS; i++) {
                indicators.add(Map.of("code", indicatorCode(i), "nameZh", "基准指标" + i, "nameEn", "Benchmark indicator " + i,
                        "unit", UNIT, "direction", "higher", "frequency", "monthly", "basis", "level"));
            }
            json.writeValue(directory.resolve("indicators.yaml").toFile(), indicators);
            List<String> plans = new ArrayList<>();
            int prefectures = (counties + 9) / 10;
            for (int prefecture = 0; prefecture < prefectures; prefecture++) {
                String name = "bench-" + prefectureCode(prefecture) + ".json";
                writePlan(directory.resolve("plans").resolve(name), prefecture, json);
                plans.add(name);
            }
            json.writeValue(directory.resolve("index.yaml").toFile(), Map.of("plans", plans));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark catalog to " + directory, e);
        }
    }

    private void writeRegions(Path file, ObjectMapper json) throws IOException {
        List<Map<String, Object>> regions = new ArrayList<>();
        int prefectures = (counties + 9) / 10;
        for (int province = 0; province <= (prefectures - 1) / 10; province++) {
            regions.add(Map.of("code", provinceCode(province), "nameZh", "基准省" + province, "nameEn", "Bench province " + province));
        }
        for (int prefecture = 0; prefecture < prefectures; prefecture++) {
            regions.add(Map.of("code", prefectureCode(prefecture), "nameZh", "基准市" + prefecture,
                    "nameEn", "Bench prefecture " + prefecture, "parent", provinceCode(prefecture / 10)));
        }
        for (int county = 0; county < counties; county++) {
            regions.add(Map.of("code", countyCode(county), "nameZh", "基准县" + county, "nameEn", "Bench county " + county,
                    "parent", prefectureCode(county / 10)));
        }
        json.writeValue(file.toFile(), regions);
    }

    private void writePlan(Path file, int prefecture, ObjectMapper json) throws IOException {
        try (JsonGenerator out = json.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeObjectField("plan", Map.of("id", "bench-" + prefectureCode(prefecture), "title", "基准规划 " + prefecture,
                    "issuer", "benchmark", "sourceFile", "synthetic (deploy/bench)", "region", prefectureCode(prefecture)));
            out.writeArrayFieldStart("targets");
            for (int county = prefecture * 10; county < Math.min(counties, prefecture * 10 + 10); county++) {
                for (int indicator = 0; indicator < INDICATORS; indicator++) {
                    BigDecimal baseline = baseline(county, indicator);
                    out.writeStartObject();
                    out.writeStringField("id", targetId(county, indicator));
                    out.writeStringField("indicator", indicatorCode(indicator));
                    out.writeStringField("region", countyCode(county));
                    out.writeStringField("comparator", ">=");
                    out.writeNumberField("value", baseline.multiply(new BigDecimal("1.24")));
                    out.writeStringField("unit", UNIT);
                    out.writeStringField("deadline", "2027-12");
                    out.writeStringField("trajectory", "linear");
                    out.writeObjectField("baseline", Map.of("value", baseline, "period", "2025-12"));
                    out.writeObjectField("leadDepartments", List.of("基准局" + indicator % 20));
                    out.writeStringField("quote", "synthetic benchmark target");
                    out.writeEndObject();
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }
}
