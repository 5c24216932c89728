package org.planwatch.indicator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.planwatch.indicator.evaluation.Evaluator.point;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planwatch.platform.domain.Period;

/**
 * The worked cases of shared/examples/evaluation-cases.md, number for number, and more worked
 * out by hand (the forecast ones with scipy's t distribution), never by this code.
 */
class EvaluatorTest {

    private static int end(String period) {
        return Period.parse(period).endMonth();
    }

    private static TargetSpec spec(String trajectory, String comparator, Double baseline, String baselinePeriod,
            double target, String deadline) {
        return TargetSpec.of(trajectory, ">=".equals(comparator) ? 1 : -1, target, end(deadline), baseline,
                baselinePeriod == null ? null : end(baselinePeriod), Thresholds.DEFAULT);
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
            "monthly deadline, linear, >=, 100, 2022, 200, 2024-05, 150, 2023-09, 152.94117647058823, 0.9444444444444444, AT_RISK",
            "C1, compound, >=, 600, 2023, 800, 2025, 680, 2024, 692.8203230275509, 0.8619, AT_RISK",
            "C2, compound, >=, 600, 2023, 800, 2025, 590, 2024, 692.8203230275509, -0.1077, REGRESSING",
    })
    void matchesTheWorkedCases(String name, String kind, String comparator, double b, String bPeriod, double v,
            String deadline, double a, String aPeriod, double expected, double ratio, Status status) {
        Judgement judgement = Evaluator.evaluate(spec(kind, comparator, b, bPeriod, v, deadline), point(aPeriod, a, "level"));

        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.expected()).isCloseTo(expected, within(1e-6));
        assertThat(judgement.progressRatio()).isCloseTo(ratio, within(kind.equals("compound") ? 1e-4 : 1e-9));
        assertThat(judgement.gap()).isCloseTo(a - expected, within(1e-6));
        assertThat(judgement.explanation()).contains(status.name());
        assertThat(judgement.terms()).containsKeys("A", "B", "V", "E", "r");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "just above 0.95, 147.51, ON_TRACK",
            "just below 0.95, 147.49, AT_RISK",
            "just above 0.60, 130.01, AT_RISK",
            "just below 0.60, 129.99, LAGGING",
            "just above 0, 100.01, LAGGING",
            "just below 0, 99.99, REGRESSING",
            "L7 reached early, 200, ACHIEVED",
    })
    void eachStatusBoundary(String name, double a, Status status) {
        assertThat(Evaluator.evaluate(spec("linear", ">=", 100.0, "2022", 200, "2024"), point("2023", a, "level")).status())
                .isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "before the baseline, 90, 2021",
            "at the baseline, 100, 2022",
            "after the deadline and its report window, 150, 2025-04",
    })
    void figuresOutsideTheTrajectoryAreStoredButNotJudged(String name, double a, String aPeriod) {
        Judgement judgement = Evaluator.evaluate(spec("linear", ">=", 100.0, "2022", 200, "2024"), point(aPeriod, a, "level"));

        assertThat(judgement.status()).isEqualTo(Status.NOT_JUDGED);
        assertThat(judgement.explanation()).contains("not judged");
    }

    @Test
    void aFigureInTheFinalReportWindowIsJudgedAgainstTheDeadline() {
        assertThat(Evaluator.evaluate(spec("linear", ">=", 100.0, "2022", 200, "2024"), point("2025-03", 190, "level")).status())
                .isEqualTo(Status.MISSED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "H1, 372, ON_TRACK",
            "H2, 365, BREACHED",
    })
    void holdTargetsMustHoldEveryPeriod(String name, double a, Status status) {
        assertThat(Evaluator.evaluate(spec("hold", ">=", null, null, 370, "2025"), point("2024", a, "level")).status())
                .isEqualTo(status);
    }

    @Test
    void n1TheFirstFigureBecomesTheBaselineOfAPlanThatStatesNone() {
        TargetSpec noBaseline = spec("linear", ">=", null, null, 30, "2024");
        Point first = point("2022", 24, "level");

        assertThat(Evaluator.evaluate(noBaseline, first, List.of(first)).status()).isEqualTo(Status.NO_BASELINE);

        Point second = point("2023", 26, "level");
        Judgement next = Evaluator.evaluate(noBaseline, second, List.of(first, second));
        // B = 24 (2022), E = 24 + 6·0.5 = 27, r = 2/3
        assertThat(next.expected()).isCloseTo(27, within(1e-9));
        assertThat(next.progressRatio()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(next.status()).isEqualTo(Status.AT_RISK);
        assertThat(next.explanation()).contains("first posted figure, 2022");
        assertThat(next.terms()).containsEntry("baselineSource", "first posted figure, 2022");

        assertThat(Evaluator.evaluate(noBaseline, point("2024", 28, "level"), List.of(point("2024", 28, "level"))).status())
                .isEqualTo(Status.MISSED);
        assertThat(Evaluator.evaluate(noBaseline, point("2023", 30, "level")).status()).isEqualTo(Status.ACHIEVED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "A1 1–6月, 2024-06, 150, 200, 0.75, AT_RISK",
            "A2 1–2月 published together, 2024-01..02, 50, 66.66666666666667, 0.75, AT_RISK",
            "quarterly year to date, 2024-Q3, 310, 300, 1.0333333333333334, ON_TRACK",
    })
    void annualTargetsAreJudgedByYearToDateFigures(String name, String period, double ytd, double expected, double ratio,
            Status status) {
        TargetSpec annual = spec("annual", ">=", null, null, 400, "2025").withStartYear(2024);

        Judgement judgement = Evaluator.evaluate(annual, point(period, ytd, "ytd"));

        assertThat(judgement.expected()).isCloseTo(expected, within(1e-9));
        assertThat(judgement.progressRatio()).isCloseTo(ratio, within(1e-9));
        assertThat(judgement.status()).isEqualTo(status);
    }

    @Test
    void annualTargetClosesTheYearAchievedOrMissed() {
        TargetSpec annual = spec("annual", ">=", null, null, 400, "2025").withStartYear(2024);
        assertThat(Evaluator.evaluate(annual, point("2024", 410, "ytd")).status()).isEqualTo(Status.ACHIEVED);
        assertThat(Evaluator.evaluate(annual, point("2024-12", 390, "ytd")).status()).isEqualTo(Status.MISSED);
        assertThat(Evaluator.evaluate(annual, point("2023-06", 390, "ytd")).status()).isEqualTo(Status.NOT_JUDGED);
    }

    @Test
    void monthlyFlowsAreSummedIntoTheYearToDate() {
        TargetSpec annual = spec("annual", ">=", null, null, 1200, "2025").withStartYear(2024);
        List<Point> months = List.of(point("2024-01", 90, "level"), point("2024-02", 100, "level"), point("2024-03", 110, "level"));

        Judgement judgement = Evaluator.evaluate(annual, months.get(2), months);

        // YTD = 300 against 1200·3/12 = 300
        assertThat(judgement.terms()).containsEntry("A (year to date)", 300.0);
        assertThat(judgement.progressRatio()).isCloseTo(1.0, within(1e-9));
        assertThat(Evaluator.evaluate(annual, months.get(2), List.of(months.get(0), months.get(2))).status())
                .as("a missing month").isEqualTo(Status.NOT_JUDGED);
    }

    @Test
    void s1ASeasonalSeriesIsJudgedByItsLearnedProfileNotByMonthsOverTwelve() {
        TargetSpec annual = spec("annual", ">=", null, null, 1000, "2025").withStartYear(2024);
        // Two past years with 60% of the output in the second half: 15% and 17% reached by March.
        List<Point> history = List.of(
                point("2022-03", 150, "ytd"), point("2022", 1000, "ytd"),
                point("2023-03", 170, "ytd"), point("2023-12", 1000, "ytd"),
                point("2024-03", 155, "ytd"));

        Judgement seasonal = Evaluator.evaluate(annual, history.get(4), history);
        Judgement naive = Evaluator.evaluate(annual, history.get(4), List.of(history.get(4)));

        assertThat(seasonal.expected()).isCloseTo(160, within(1e-9));
        assertThat(seasonal.progressRatio()).isCloseTo(0.96875, within(1e-9));
        assertThat(seasonal.status()).isEqualTo(Status.ON_TRACK);
        assertThat(seasonal.terms()).containsEntry("s(m) source", "seasonal profile [2023, 2022]");
        assertThat(naive.expected()).isCloseTo(250, within(1e-9));
        assertThat(naive.progressRatio()).isCloseTo(0.62, within(1e-9));
        assertThat(naive.status()).isEqualTo(Status.AT_RISK);
    }

    @Test
    void u1CumulativeTargetsSumTheFlowsSinceTheirStart() {
        TargetSpec cumulative = spec("cumulative", ">=", null, null, 7, "2025").withStartYear(2024);

        Judgement u1 = Evaluator.evaluate(cumulative, point("2024", 3.2, "ytd"));

        assertThat(u1.expected()).isCloseTo(3.5, within(1e-9));
        assertThat(u1.progressRatio()).isCloseTo(0.9142857142857143, within(1e-9));
        assertThat(u1.status()).isEqualTo(Status.AT_RISK);

        // 2025 1–6月: sum = 3.2 + 1.9 = 5.1 against 7·18/24 = 5.25
        List<Point> both = List.of(point("2024", 3.2, "ytd"), point("2025-06", 1.9, "ytd"));
        Judgement midYear = Evaluator.evaluate(cumulative, both.get(1), both);
        assertThat(midYear.expected()).isCloseTo(5.25, within(1e-9));
        assertThat(midYear.progressRatio()).isCloseTo(5.1 / 5.25, within(1e-9));
        assertThat(Evaluator.evaluate(cumulative, both.get(1), List.of(both.get(1))).status())
                .as("the 2024 flow is missing").isEqualTo(Status.NOT_JUDGED);
    }

    @Test
    void g1AverageAnnualGrowthComparesCompoundRates() {
        TargetSpec growth = spec("growth", ">=", 100.0, "2022", 8, "2025").withGrowthKind("average_annual");

        Judgement g1 = Evaluator.evaluate(growth, point("2024", 115, "level"));

        assertThat((double) g1.terms().get("g_a")).isCloseTo(0.07238052947636087, within(1e-12));
        assertThat(g1.progressRatio()).isCloseTo(0.9047566184545108, within(1e-12));
        assertThat(g1.status()).isEqualTo(Status.AT_RISK);
        assertThat(Evaluator.evaluate(growth, point("2025", 126, "level")).status()).as("1.26^(1/3) − 1 = 8.01%")
                .isEqualTo(Status.ACHIEVED);
    }

    @Test
    void g2YearOnYearGrowthComparesTheLatestRate() {
        TargetSpec growth = spec("growth", ">=", null, null, 10, "2025").withGrowthKind("year_on_year");

        Judgement g2 = Evaluator.evaluate(growth, point("2024-06", 9.0, "yoy"));
        assertThat(g2.progressRatio()).isCloseTo(0.9, within(1e-12));
        assertThat(g2.status()).isEqualTo(Status.AT_RISK);

        List<Point> levels = List.of(point("2023-Q2", 200, "ytd"), point("2024-Q2", 222, "ytd"));
        Judgement fromLevels = Evaluator.evaluate(growth, levels.get(1), levels);
        assertThat(fromLevels.progressRatio()).isCloseTo(1.1, within(1e-9));
        assertThat(fromLevels.status()).isEqualTo(Status.ON_TRACK);
        assertThat(Evaluator.evaluate(growth, point("2024", -1.5, "yoy")).status()).isEqualTo(Status.REGRESSING);
    }

    @ParameterizedTest(name = "thresholds {0}/{1}")
    @CsvSource({
            "0.95, 0.60, AT_RISK",
            "0.80, 0.50, ON_TRACK",
    })
    void thresholdsAreConfigurablePerPlan(double onTrack, double atRisk, Status status) {
        TargetSpec custom = TargetSpec.of("linear", 1, 200, end("2024"), 100.0, end("2022"), new Thresholds(onTrack, atRisk));

        assertThat(Evaluator.evaluate(custom, point("2023", 141, "level")).status()).isEqualTo(status);
    }

    @Test
    void aYearOnYearFigureIsNotJudgedAgainstALevelTarget() {
        assertThat(Evaluator.evaluate(spec("linear", ">=", 100.0, "2022", 200, "2024"), point("2023", 8, "yoy")).status())
                .isEqualTo(Status.NOT_JUDGED);
    }

    @Test
    void forecastProjectsTheFittedTrendWithAnEightyPercentInterval() {
        // OLS of 100, 112, 118 at x = 0, 12, 24, projected to x = 48 (scipy: 137.0, [118.792, 155.208], P = 0.13594)
        Forecast forecast = Forecaster.project(List.of(new Forecaster.Sample(0, 100), new Forecaster.Sample(12, 112),
                new Forecaster.Sample(24, 118)), 48, 150, 1, false, 0.2);

        assertThat(forecast.projected()).isCloseTo(137.0, within(1e-9));
        assertThat(forecast.lower80()).isCloseTo(118.79217864693896, within(1e-6));
        assertThat(forecast.upper80()).isCloseTo(155.20782135306104, within(1e-6));
        assertThat(forecast.probability()).isCloseTo(0.13594154299964434, within(1e-6));
        assertThat(forecast.miss()).isTrue();
    }

    @Test
    void aConfidentProjectedMissWarnsWhileTheStatusIsStillOnTrack() {
        // Four figures flattening out: on track in 2024, but the fit reaches only 116.5 of 150 by 2026.
        TargetSpec target = spec("linear", ">=", 100.0, "2022", 150, "2026");
        List<Point> history = List.of(point("2022", 100, "level"), point("2023", 104, "level"), point("2024", 109, "level"),
                point("2025", 112, "level"));

        Judgement judgement = Evaluator.evaluate(target, history.get(3), history);

        assertThat(judgement.forecast()).isNotNull();
        assertThat(judgement.forecast().projected()).isCloseTo(116.5, within(1e-9));
        assertThat(judgement.forecast().lower80()).isCloseTo(114.73616579262362, within(1e-6));
        assertThat(judgement.forecast().probability()).isCloseTo(0.00038938649728914587, within(1e-9));
        assertThat(judgement.forecast().miss()).isTrue();
        assertThat(judgement.terms()).containsKey("P(meet target)");
    }

    @Test
    void compoundTargetsAreForecastInLogSpace() {
        // ln-linear fit of 600, 660, 700 at the ends of 2022–2024 to the end of 2025 (scipy: 760.70, [699.65, 827.07], P = 0.1575)
        TargetSpec target = spec("compound", ">=", 600.0, "2022", 800, "2025");
        List<Point> history = List.of(point("2022", 600, "level"), point("2023", 660, "level"), point("2024", 700, "level"));

        Forecast forecast = Evaluator.evaluate(target, history.get(2), history).forecast();

        assertThat(forecast.space()).isEqualTo("log");
        assertThat(forecast.projected()).isCloseTo(760.6961150521468, within(1e-6));
        assertThat(forecast.lower80()).isCloseTo(699.6453812230743, within(1e-6));
        assertThat(forecast.upper80()).isCloseTo(827.0741078056653, within(1e-6));
        assertThat(forecast.probability()).isCloseTo(0.1575025599954284, within(1e-6));
    }

    @Test
    void numbersInExplanationsPrintAsFourDecimalsRoundedHalfUpOrAsWholeNumbers() {
        java.util.Random random = new java.util.Random(2026);
        for (int i = 0; i < 100_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextDouble() - 0.5) * 1e6;
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1e5 + 0.00005;
                default -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 10);
            };
            String expected = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : String.format(java.util.Locale.ROOT, "%.4f", value).replace("-0.0000", "0.0000");
            assertThat(Evaluator.num(value)).as("%s", value).isEqualTo(expected);
        }
        assertThat(Evaluator.num(1.23445)).isEqualTo("1.2345");
        assertThat(Evaluator.num(-0.21425)).isEqualTo("-0.2143");
        assertThat(Evaluator.num(Double.NaN)).isEqualTo("NaN");
        assertThat(Evaluator.num(-0.00001)).as("no negative zero").isEqualTo("0.0000");
        assertThat(Evaluator.num(1400)).isEqualTo("1400");
    }
}
