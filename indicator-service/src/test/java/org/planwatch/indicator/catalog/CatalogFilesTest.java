package org.planwatch.indicator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planwatch.indicator.catalog.CatalogFiles.IndicatorEntry;
import org.planwatch.indicator.catalog.CatalogFiles.PlanFile;
import org.planwatch.indicator.catalog.CatalogFiles.RegionEntry;
import org.planwatch.indicator.catalog.CatalogFiles.TargetEntry;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.domain.Units;

/**
 * The plan catalog against the policy documents it comes from: a supervision office must find
 * every target, word for word, in its own plan. The documents are read from
 * {@code -Dplanwatch.seeds.dir} (or {@code PLANWATCH_SEEDS_DIR}), by default {@code ../shared/seeds}.
 */
class CatalogFilesTest {

    private static final Set<String> TRAJECTORIES = Set.of("linear", "compound", "hold", "annual", "cumulative", "growth");
    private static final Set<String> COMPARATORS = Set.of(">=", "<=");

    private static List<PlanFile> plans;
    private static Map<String, IndicatorEntry> indicators;
    private static Set<String> regions;
    private static Path seeds;

    @BeforeAll
    static void load() {
        plans = CatalogLoader.readPlans();
        indicators = CatalogLoader.read("catalog/indicators.yaml", IndicatorEntry[].class).stream()
                .collect(Collectors.toMap(IndicatorEntry::code, i -> i));
        regions = CatalogLoader.read("catalog/regions.yaml", RegionEntry[].class).stream().map(RegionEntry::code)
                .collect(Collectors.toSet());
        String configured = System.getProperty("planwatch.seeds.dir", System.getenv("PLANWATCH_SEEDS_DIR"));
        seeds = Path.of(configured != null ? configured : "../../shared/seeds");
        assertThat(seeds).as("the policy documents (set -Dplanwatch.seeds.dir)").isDirectory();
    }

    private static List<TargetEntry> targets() {
        return plans.stream().flatMap(p -> p.targets().stream()).toList();
    }

    @Test
    void holdsEveryPlanAndWellOverAHundredTargets() {
        assertThat(plans).hasSize(5);
        assertThat(targets()).hasSizeGreaterThan(150);
        assertThat(plans).extracting(p -> p.plan().sourceFile()).doesNotHaveDuplicates();
    }

    @Test
    void everyQuoteIsFoundVerbatimInItsDocument() throws IOException {
        List<String> missing = new ArrayList<>();
        for (PlanFile plan : plans) {
            String document = Files.readString(seeds.resolve(plan.plan().sourceFile()), StandardCharsets.UTF_8);
            for (TargetEntry target : plan.targets()) {
                if (target.quote() == null || target.quote().isBlank() || !document.contains(target.quote())) {
                    missing.add(target.id() + ": " + target.quote());
                }
                if (target.baseline() != null && target.baseline().quote() != null
                        && !document.contains(target.baseline().quote())) {
                    missing.add(target.id() + " (baseline): " + target.baseline().quote());
                }
            }
        }
        assertThat(missing).as("quotes not found verbatim").isEmpty();
    }

    @Test
    void everyTargetsNumbersAppearInItsQuotes() {
        List<String> unmatched = new ArrayList<>();
        for (TargetEntry target : targets()) {
            if (!appears(target.value(), target.quote())) {
                unmatched.add(target.id() + ": " + target.value() + " not in " + target.quote());
            }
            if (target.baseline() != null) {
                String where = target.baseline().quote() != null ? target.baseline().quote() : target.quote();
                if (!appears(target.baseline().value(), where)) {
                    unmatched.add(target.id() + " baseline " + target.baseline().value() + " not in " + where);
                }
            }
        }
        assertThat(unmatched).isEmpty();
    }

    /** The value as written, or as written times its magnitude word (8万 for 80000). */
    private static boolean appears(BigDecimal value, String quote) {
        return ChineseNumbers.find(quote).stream().anyMatch(found ->
                found.asWritten().compareTo(value) == 0 || found.value().compareTo(value) == 0);
    }

    @Test
    void fieldsAreFromTheirAllowedSets() {
        List<String> wrong = new ArrayList<>();
        for (TargetEntry t : targets()) {
            check(wrong, t, Units.find(t.unit()).isPresent(), "unit " + t.unit());
            check(wrong, t, COMPARATORS.contains(t.comparator()), "comparator " + t.comparator());
            check(wrong, t, TRAJECTORIES.contains(t.trajectory()), "trajectory " + t.trajectory());
            check(wrong, t, regions.contains(t.region()), "region " + t.region());
            IndicatorEntry indicator = indicators.get(t.indicator());
            check(wrong, t, indicator != null, "indicator " + t.indicator());
            if (indicator != null && !"growth".equals(t.trajectory())) {
                check(wrong, t, Units.sameDimension(t.unit(), indicator.unit()),
                        "unit " + t.unit() + " vs indicator unit " + indicator.unit());
            }
            check(wrong, t, parses(t.deadline()), "deadline " + t.deadline());
            if (t.baseline() != null) {
                check(wrong, t, parses(t.baseline().period())
                        && Period.parse(t.baseline().period()).endMonth() < Period.parse(t.deadline()).endMonth(),
                        "baseline period " + t.baseline().period());
            }
            if ("growth".equals(t.trajectory())) {
                check(wrong, t, Set.of("average_annual", "year_on_year").contains(t.growthKind()), "growthKind " + t.growthKind());
            }
            if ("cumulative".equals(t.trajectory())) {
                check(wrong, t, parses(t.startPeriod()), "startPeriod " + t.startPeriod());
            }
            check(wrong, t, t.leadDepartments() != null, "leadDepartments missing");
        }
        for (IndicatorEntry i : indicators.values()) {
            if (Units.find(i.unit()).isEmpty() || !Set.of("higher", "lower").contains(i.direction())
                    || !Set.of("monthly", "quarterly", "annual").contains(i.frequency())
                    || !Set.of("level", "ytd", "yoy", "share").contains(i.basis())
                    || i.nameZh() == null || i.nameEn() == null) {
                wrong.add("indicator " + i.code() + " has a field outside its allowed set");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noTwoEntriesAreTheSameTarget() {
        Map<String, String> seen = new HashMap<>();
        Set<String> ids = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (PlanFile plan : plans) {
            for (TargetEntry t : plan.targets()) {
                if (!ids.add(t.id())) {
                    duplicates.add("id " + t.id());
                }
                String key = String.join("|", plan.plan().id(), t.indicator(), t.region(), t.deadline(), t.trajectory());
                String earlier = seen.putIfAbsent(key, t.id());
                if (earlier != null) {
                    duplicates.add(t.id() + " repeats " + earlier);
                }
            }
        }
        assertThat(duplicates).isEmpty();
    }

    private static boolean parses(String period) {
        try {
            Period.parse(period);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static void check(List<String> wrong, TargetEntry target, boolean ok, String what) {
        if (!ok) {
            wrong.add(target.id() + ": " + what);
        }
    }
}
