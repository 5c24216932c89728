package org.planwatch.indicator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planwatch.indicator.catalog.CatalogFiles.PlanFile;
import org.planwatch.indicator.catalog.CatalogFiles.TargetEntry;
import org.planwatch.indicator.catalog.CatalogLoader;
import org.planwatch.indicator.catalog.ChineseNumbers;
import org.planwatch.platform.domain.Period;
import org.planwatch.platform.domain.Units;

/**
 * Runs the importer over the five policy documents and compares its candidates with the
 * hand-curated catalog. A catalog target is found (recall) when a candidate has its value — as
 * the catalog states it or as the quote writes it (8 for 8万名) — and a quote that overlaps the
 * target's quote in the document, for the same county when the target is a county's. A candidate
 * is correct (precision) when it finds some target that way. The documents are read from
 * {@code -Dplanwatch.seeds.dir} (surefire sets it), by default {@code ../../shared/seeds}.
 * The figures are printed and written to {@code target/importer-accuracy.md}.
 */
class ImporterAccuracyTest {

    /** Floors a little below the measured figures, so that a rule that costs accuracy fails the build. */
    private static final double TOTAL_RECALL_FLOOR = 0.98;
    private static final double TOTAL_PRECISION_FLOOR = 0.95;
    private static final double DOCUMENT_RECALL_FLOOR = 0.95;
    private static final double DOCUMENT_PRECISION_FLOOR = 0.90;
    private static final Set<String> TRAJECTORIES = Set.of("linear", "compound", "hold", "annual", "cumulative", "growth");

    private static Path seeds;
    private static List<PlanFile> plans;
    private static final PlanTextImporter IMPORTER = PlanTextImporter.withCatalogRegions();

    record Score(String document, int targets, int found, int candidates, int correct, List<String> missed,
            List<String> wrong) {
        double recall() {
            return targets == 0 ? 1 : (double) found / targets;
        }

        double precision() {
            return candidates == 0 ? 1 : (double) correct / candidates;
        }
    }

    @BeforeAll
    static void load() {
        String configured = System.getProperty("planwatch.seeds.dir", System.getenv("PLANWATCH_SEEDS_DIR"));
        seeds = Path.of(configured != null ? configured : "../../shared/seeds");
        assertThat(seeds).as("the policy documents (set -Dplanwatch.seeds.dir)").isDirectory();
        plans = CatalogLoader.readPlans();
    }

    @Test
    void findsTheCatalogsTargetsInTheFiveDocuments() throws IOException {
        List<Score> scores = new ArrayList<>();
        for (PlanFile plan : plans) {
            String document = Files.readString(seeds.resolve(plan.plan().sourceFile()), StandardCharsets.UTF_8);
            scores.add(score(plan, document, IMPORTER.propose(document)));
        }
        Score total = new Score("total", scores.stream().mapToInt(Score::targets).sum(),
                scores.stream().mapToInt(Score::found).sum(), scores.stream().mapToInt(Score::candidates).sum(),
                scores.stream().mapToInt(Score::correct).sum(), List.of(), List.of());
        String report = report(scores, total);
        System.out.println(report);
        scores.forEach(score -> {
            score.missed().forEach(m -> System.out.println("missed  " + score.document() + " " + m));
            score.wrong().forEach(w -> System.out.println("extra   " + score.document() + " " + w));
        });
        Path out = Path.of("target", "importer-accuracy.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);

        assertThat(total.recall()).as("total recall").isGreaterThanOrEqualTo(TOTAL_RECALL_FLOOR);
        assertThat(total.precision()).as("total precision").isGreaterThanOrEqualTo(TOTAL_PRECISION_FLOOR);
        for (Score score : scores) {
            assertThat(score.recall()).as("recall of " + score.document()).isGreaterThanOrEqualTo(DOCUMENT_RECALL_FLOOR);
            assertThat(score.precision()).as("precision of " + score.document())
                    .isGreaterThanOrEqualTo(DOCUMENT_PRECISION_FLOOR);
        }
    }

    @Test
    void everyCandidateIsWellFormedAndQuotedVerbatim() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (PlanFile plan : plans) {
            String document = Files.readString(seeds.resolve(plan.plan().sourceFile()), StandardCharsets.UTF_8);
            for (Candidate c : IMPORTER.propose(document)) {
                checked++;
                String where = plan.plan().sourceFile() + "@" + c.offset() + " " + c.value() + c.unit();
                if (!document.startsWith(c.quote(), c.offset()) || c.quote().isBlank()) {
                    wrong.add(where + ": quote not at its offset");
                }
                if (Units.find(c.unit()).isEmpty() || c.value().signum() <= 0) {
                    wrong.add(where + ": unit or value");
                }
                if (!Set.of(">=", "<=").contains(c.comparator()) || !TRAJECTORIES.contains(c.trajectoryGuess())) {
                    wrong.add(where + ": comparator " + c.comparator() + ", trajectory " + c.trajectoryGuess());
                }
                if (c.deadline() != null && !c.deadline().equals(Period.parse(c.deadline()).toString())) {
                    wrong.add(where + ": deadline " + c.deadline());
                }
                if (c.indicatorPhrase().isBlank()) {
                    wrong.add(where + ": no indicator phrase");
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
        assertThat(wrong).isEmpty();
    }

    static Score score(PlanFile plan, String document, List<Candidate> candidates) {
        List<TargetEntry> targets = plan.targets();
        boolean[] correct = new boolean[candidates.size()];
        List<String> missed = new ArrayList<>();
        int found = 0;
        for (TargetEntry target : targets) {
            boolean hit = false;
            for (int i = 0; i < candidates.size(); i++) {
                if (matches(plan, document, target, candidates.get(i))) {
                    correct[i] = true;
                    hit = true;
                }
            }
            if (hit) {
                found++;
            } else {
                missed.add(target.id() + " " + target.value() + target.unit() + " | " + target.quote());
            }
        }
        List<String> wrong = new ArrayList<>();
        int right = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (correct[i]) {
                right++;
            } else {
                wrong.add("@" + c.offset() + " " + c.value() + c.unit() + " " + c.indicatorPhrase() + " " + c.regions()
                        + " | " + c.quote());
            }
        }
        return new Score(plan.plan().sourceFile(), targets.size(), found, candidates.size(), right, missed, wrong);
    }

    /** Same value, overlapping quotes and, for a county's target, the same county. */
    static boolean matches(PlanFile plan, String document, TargetEntry target, Candidate candidate) {
        if (!sameValue(target, candidate.value())) {
            return false;
        }
        if (!target.region().equals(plan.plan().region())
                && candidate.regions().stream().noneMatch(r -> r.code().equals(target.region()))) {
            return false;
        }
        int candidateEnd = candidate.offset() + candidate.quote().length();
        for (int at = document.indexOf(target.quote()); at >= 0; at = document.indexOf(target.quote(), at + 1)) {
            if (candidate.offset() < at + target.quote().length() && at < candidateEnd) {
                return true;
            }
        }
        return false;
    }

    /** The catalog's value, or the figure its quote writes for it (8 in 8万名 for 80000). */
    private static boolean sameValue(TargetEntry target, BigDecimal value) {
        if (target.value().compareTo(value) == 0) {
            return true;
        }
        return ChineseNumbers.find(target.quote()).stream()
                .filter(f -> f.value().compareTo(target.value()) == 0 || f.asWritten().compareTo(target.value()) == 0)
                .anyMatch(f -> f.asWritten().compareTo(value) == 0);
    }

    private static String report(List<Score> scores, Score total) {
        StringBuilder md = new StringBuilder();
        md.append("# Importer accuracy against the plan catalog\n\n");
        md.append("| document | catalog targets | found | recall | candidates | correct | precision |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Score score : scores) {
            md.append(row(score));
        }
        md.append(row(total).replace("| total |", "| **total** |"));
        return md.toString();
    }

    private static String row(Score score) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %d | %d | %.3f |%n", score.document(), score.targets(),
                score.found(), score.recall(), score.candidates(), score.correct(), score.precision());
    }
}
