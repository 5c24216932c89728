package org.planwatch.indicator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planwatch.platform.domain.Period;

/** The worked cases of shared/examples/evaluation-cases.md, number for number. */
class EvaluatorTest {

    private static TargetSpec spec(String trajectory, String comparator, double baseline, String baselinePeriod,
            double target, String deadline) {
        return new TargetSpec(trajectory, ">=".equals(comparator) ? 1 : -1, target, Period.parse(deadline).endMonth(),
                baseline, Period.parse(baselinePeriod).endMonth(), Thresholds.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, kind, comparator, B, B period, V, deadline, A, A period, E, r, status
            "L1, linear, >=, 100, 2022, 200, 2024, 147.5, 2023, 150, 0.95, ON_TRACK",
            "L2, linear, >=, 100, 2022, 200, 2024, 147.4, 2023, 150, 0.948, AT_RISK",
            "L3, linear, >=, 100, 2022, 200, 2024, 130, 2023, 150, 0.60, AT_RISK",
            "L4, linear, >=, 100, 2022, 200, 2024, 129.9, 2023, 150, 0.598, LAGGING",
            "L5, linear, >=, 100, 2022, 200, 2024, 100, 2023, 150, 0.0, LAGGING",
            "L6, linear, >=, 100, 2022, 200, 2024, 99, 2023, 150, -0.02, REGRESSING",
            "L8, linear, >=, 100, 2022, 200, 2024, 190, 2024, 200, 0.90, MISSED",
            "W1, linear, >=, 1376, 2022, 1600, 2024, 1400, 2023, 1488, 0.2142857142857143, LAGGING",
            "D1, linear, <=, 100, 2022, 90, 2025, 97, 2023, 96.66666666666667, 0.90, AT_RISK",
            "C1, compound, >=, 600, 2023, 800, 2025, 680, 2024, 692.8203230275509, 0.8619, AT_RISK",
            "C2, compound, >=, 600, 2023, 800, 2025, 590, 2024, 692.8203230275509, -0.1077, REGRESSING",
    })
    void matchesTheWorkedCases(String name, String kind, String comparator, double b, String bPeriod, double v,
            String deadline, double a, String aPeriod, double expected, double ratio, Status status) {
        Judgement judgement = Evaluator.evaluate(spec(kind, comparator, b, bPeriod, v, deadline), a,
                Period.parse(aPeriod).endMonth());

        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.expected()).isCloseTo(expected, within(1e-6));
        assertThat(judgement.progressRatio()).isCloseTo(ratio, within(kind.equals("compound") ? 1e-4 : 1e-9));
        assertThat(judgement.gap()).isCloseTo(a - expected, within(1e-6));
        assertThat(judgement.explanation()).contains(status.name());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "L7, >=, 200, 2023, ACHIEVED",
            "reached on the deadline, >=, 200, 2024, ACHIEVED",
            "before the baseline, >=, 90, 2021, NOT_JUDGED",
            "at the baseline, >=, 100, 2022, NOT_JUDGED",
    })
    void judgesTheEdgesOfTheTrajectory(String name, String comparator, double a, String aPeriod, Status status) {
        Judgement judgement = Evaluator.evaluate(spec("linear", comparator, 100, "2022", 200, "2024"), a,
                Period.parse(aPeriod).endMonth());

        assertThat(judgement.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "H1, 372, ON_TRACK",
            "H2, 365, BREACHED",
    })
    void holdTargetsMustHoldEveryPeriod(String name, double a, Status status) {
        TargetSpec grain = new TargetSpec("hold", 1, 370, Period.parse("2025").endMonth(), null, null, Thresholds.DEFAULT);

        assertThat(Evaluator.evaluate(grain, a, Period.parse("2024").endMonth()).status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "before the deadline, 24, 2022, NO_BASELINE",
            "reached, 30, 2023, ACHIEVED",
            "deadline passed, 28, 2024, MISSED",
    })
    void aTargetWithoutBaselineIsJudgedOnlyAtItsDeadline(String name, double a, String aPeriod, Status status) {
        TargetSpec noBaseline = new TargetSpec("linear", 1, 30, Period.parse("2024").endMonth(), null, null,
                Thresholds.DEFAULT);

        Judgement judgement = Evaluator.evaluate(noBaseline, a, Period.parse(aPeriod).endMonth());

        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.progressRatio()).isNull();
    }

    @ParameterizedTest(name = "thresholds {0}/{1}")
    @CsvSource({
            "0.95, 0.60, AT_RISK",
            "0.80, 0.50, ON_TRACK",
    })
    void thresholdsAreConfigurablePerPlan(double onTrack, double atRisk, Status status) {
        TargetSpec custom = new TargetSpec("linear", 1, 200, Period.parse("2024").endMonth(), 100.0,
                Period.parse("2022").endMonth(), new Thresholds(onTrack, atRisk));

        assertThat(Evaluator.evaluate(custom, 141, Period.parse("2023").endMonth()).status()).isEqualTo(status);
    }
}
