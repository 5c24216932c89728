package org.planwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.planwatch.ingest.catalog.IndicatorCatalogClient.IndicatorRef;
import org.planwatch.ingest.catalog.ReferenceData;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.domain.Units;
import org.planwatch.platform.problem.Violation;

/**
 * Checks one posted figure field by field, collecting every problem (not only the first) so a
 * clerk can fix a row in one go.
 */
@ApplicationScoped
public class ObservationValidator {

    static final Set<String> BASES = Set.of("level", "ytd", "yoy", "share");

    private final ReferenceData reference;

    public ObservationValidator(ReferenceData reference) {
        this.reference = reference;
    }

    public Optional<ObservationInput> validate(int index, JsonNode item, List<Violation> violations) {
        String at = "[" + index + "]";
        int before = violations.size();
        if (item == null || !item.isObject()) {
            violations.add(Violation.ofField(at, "each observation must be a JSON object"));
            return Optional.empty();
        }
        String indicatorCode = text(item, "indicator", at, violations);
        IndicatorRef indicator = null;
        if (indicatorCode != null) {
            indicator = reference.indicator(indicatorCode).orElse(null);
            if (indicator == null) {
                violations.add(Violation.ofField(at + ".indicator", "unknown indicator '" + indicatorCode
                        + "' (the plan catalog at indicator-service /api/v1/indicators lists the codes)"));
            }
        }
        String region = text(item, "region", at, violations);
        if (region != null && reference.region(region).isEmpty()) {
            violations.add(Violation.ofField(at + ".region", "unknown region '" + region + "' (a GB/T 2260 code such as 371000)"));
        }
        Period period = null;
        String periodText = text(item, "period", at, violations);
        if (periodText != null) {
            try {
                period = Period.parse(periodText);
            } catch (IllegalArgumentException e) {
                violations.add(Violation.ofField(at + ".period", e.getMessage()));
            }
        }
        BigDecimal value = number(item, at, violations);
        String unit = text(item, "unit", at, violations);
        String basis = item.hasNonNull("basis") ? text(item, "basis", at, violations)
                : indicator == null ? null : indicator.basis();
        if (basis != null && !BASES.contains(basis)) {
            violations.add(Violation.ofField(at + ".basis", "basis '" + basis + "' is not one of level, ytd, yoy, share"));
        }
        if (unit != null) {
            if (Units.find(unit).isEmpty()) {
                violations.add(Violation.ofField(at + ".unit", "unknown unit '" + unit + "'"));
            } else if (indicator != null && "yoy".equals(basis) && !"%".equals(unit)) {
                violations.add(Violation.ofField(at + ".unit", "a year-on-year growth figure is posted in %, not '" + unit + "'"));
            } else if (indicator != null && !"yoy".equals(basis) && !Units.sameDimension(unit, indicator.unit())) {
                violations.add(Violation.ofField(at + ".unit", "unit '" + unit + "' cannot express " + indicator.code()
                        + ", which is measured in " + indicator.unit()));
            }
        }
        String source = item.hasNonNull("source") ? text(item, "source", at, violations) : null;
        if (source != null && source.length() > 100) {
            violations.add(Violation.ofField(at + ".source", "source is at most 100 characters"));
        }
        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ObservationInput(index, indicatorCode, region, period, value, unit, basis, source));
    }

    private static String text(JsonNode item, String field, String at, List<Violation> violations) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            violations.add(Violation.ofField(at + "." + field, field + " is required"));
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(Violation.ofField(at + "." + field, field + " must be a non-empty string"));
            return null;
        }
        return node.asText().trim();
    }

    private static BigDecimal number(JsonNode item, String at, List<Violation> violations) {
        JsonNode node = item.get("value");
        if (node == null || node.isNull()) {
            violations.add(Violation.ofField(at + ".value", "value is required"));
            return null;
        }
        if (!node.isNumber()) {
            violations.add(Violation.ofField(at + ".value", "value must be a JSON number, not " + node.getNodeType().toString().toLowerCase()
                    + (node.isTextual() ? " \"" + node.asText() + "\"" : "")));
            return null;
        }
        if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
            violations.add(Violation.ofField(at + ".value", "value must be a finite number"));
            return null;
        }
        return node.decimalValue();
    }
}
