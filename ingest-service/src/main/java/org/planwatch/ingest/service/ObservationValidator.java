package org.planwatch.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
    private final Clock clock;

    public ObservationValidator(ReferenceData reference, Clock clock) {
        this.reference = reference;
        this.clock = clock;
    }

    /** Where a problem of one item is reported: a JSON path for the JSON API, a row and column for files. */
    @FunctionalInterface
    public interface Locator {

        /** The violation for {@code field} (null: the item as a whole). */
        Violation at(String field, String message);

        static Locator jsonItem(int index) {
            String at = "[" + index + "]";
            return (field, message) -> Violation.ofField(field == null ? at : at + "." + field, message);
        }
    }

    /**
     * How strict a channel is. The JSON API takes only canonical periods and (as before files were
     * accepted) any period up to 2100; file uploads read bureau spellings and refuse figures for
     * periods that have not ended yet.
     */
    public record Rules(Function<String, Period> periodParser, boolean rejectUnfinishedPeriods) {

        public static final Rules JSON_API = new Rules(Period::parse, false);
    }

    public Optional<ObservationInput> validate(int index, JsonNode item, List<Violation> violations) {
        return validate(index, item, Locator.jsonItem(index), Rules.JSON_API, violations);
    }

    /**
     * Checks one figure; {@code item} holds the fields as the JSON API names them (file rows are
     * translated into that shape first, so every format is judged by the same rules).
     */
    public Optional<ObservationInput> validate(int index, JsonNode item, Locator at, Rules rules, List<Violation> violations) {
        int before = violations.size();
        if (item == null || !item.isObject()) {
            violations.add(at.at(null, "each observation must be a JSON object"));
            return Optional.empty();
        }
        String indicatorCode = text(item, "indicator", at, violations);
        IndicatorRef indicator = null;
        if (indicatorCode != null) {
            indicator = reference.indicator(indicatorCode).orElse(null);
            if (indicator == null) {
                violations.add(at.at("indicator", "unknown indicator '" + indicatorCode
                        + "' (the plan catalog at indicator-service /api/v1/indicators lists the codes)"));
            }
        }
        String region = text(item, "region", at, violations);
        if (region != null && reference.region(region).isEmpty()) {
            violations.add(at.at("region", "unknown region '" + region + "' (a GB/T 2260 code such as 371000)"));
        }
        Period period = null;
        String periodText = text(item, "period", at, violations);
        if (periodText != null) {
            try {
                period = rules.periodParser().apply(periodText);
            } catch (IllegalArgumentException e) {
                violations.add(at.at("period", e.getMessage()));
            }
            YearMonth current = YearMonth.now(clock);
            if (period != null && rules.rejectUnfinishedPeriods()
                    && period.endMonth() > current.getYear() * 12 + current.getMonthValue()) {
                violations.add(at.at("period", "period " + period + " ends " + period.endLabel()
                        + ", after the current month " + current + "; a figure can only be posted once its period has ended "
                        + "(figures for the current month are accepted)"));
            }
        }
        BigDecimal value = number(item, at, violations);
        String unit = text(item, "unit", at, violations);
        String basis = item.hasNonNull("basis") ? text(item, "basis", at, violations)
                : indicator == null ? null : indicator.basis();
        if (basis != null && !BASES.contains(basis)) {
            violations.add(at.at("basis", "basis '" + basis + "' is not one of level, ytd, yoy, share"));
        }
        if (unit != null) {
            if (Units.find(unit).isEmpty()) {
                violations.add(at.at("unit", "unknown unit '" + unit + "'"));
            } else if (indicator != null && "yoy".equals(basis) && !"%".equals(unit)) {
                violations.add(at.at("unit", "a year-on-year growth figure is posted in %, not '" + unit + "'"));
            } else if (indicator != null && !"yoy".equals(basis) && !Units.sameDimension(unit, indicator.unit())) {
                violations.add(at.at("unit", "unit '" + unit + "' cannot express " + indicator.code()
                        + ", which is measured in " + indicator.unit()));
            }
        }
        String source = item.hasNonNull("source") ? text(item, "source", at, violations) : null;
        if (source != null && source.length() > 100) {
            violations.add(at.at("source", "source is at most 100 characters"));
        }
        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ObservationInput(index, indicatorCode, region, period, value, unit, basis, source));
    }

    private static String text(JsonNode item, String field, Locator at, List<Violation> violations) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            violations.add(at.at(field, field + " is required"));
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(at.at(field, field + " must be a non-empty string"));
            return null;
        }
        return node.asText().trim();
    }

    private static BigDecimal number(JsonNode item, Locator at, List<Violation> violations) {
        JsonNode node = item.get("value");
        if (node == null || node.isNull()) {
            violations.add(at.at("value", "value is required"));
            return null;
        }
        if (!node.isNumber()) {
            violations.add(at.at("value", "value must be a JSON number, not " + node.getNodeType().toString().toLowerCase()
                    + (node.isTextual() ? " \"" + node.asText() + "\"" : "")));
            return null;
        }
        if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
            violations.add(at.at("value", "value must be a finite number"));
            return null;
        }
        return node.decimalValue();
    }
}
