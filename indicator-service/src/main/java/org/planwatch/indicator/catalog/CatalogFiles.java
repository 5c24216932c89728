package org.planwatch.indicator.catalog;

import java.math.BigDecimal;
import java.util.List;

/** The YAML shapes of the catalog files in {@code src/main/resources/catalog}. */
public final class CatalogFiles {

    private CatalogFiles() {
    }

    /** {@code catalog/index.yaml}: which plan files to load. */
    public record Index(List<String> plans) {
    }

    public record RegionEntry(String code, String nameZh, String nameEn, String parent) {
    }

    public record IndicatorEntry(String code, String nameZh, String nameEn, String unit, String direction,
            String frequency, String basis) {
    }

    public record PlanFile(PlanEntry plan, List<TargetEntry> targets) {
    }

    public record PlanEntry(String id, String title, String issuer, String documentNumber, String issuedOn,
            String sourceFile, String region, ThresholdsEntry thresholds, List<String> notes) {
    }

    /** Progress-ratio boundaries of a plan (default 0.95 and 0.60). */
    public record ThresholdsEntry(Double onTrack, Double atRisk) {
    }

    public record BaselineEntry(BigDecimal value, String period, String quote) {
    }

    public record TargetEntry(String id, String indicator, String region, String comparator, BigDecimal value,
            String unit, String deadline, String trajectory, String growthKind, String startPeriod,
            BaselineEntry baseline, List<String> leadDepartments, List<String> cooperatingDepartments, String quote,
            List<String> notes) {
    }
}
