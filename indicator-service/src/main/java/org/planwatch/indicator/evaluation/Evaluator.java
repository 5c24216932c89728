package org.planwatch.indicator.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.planwatch.platform.domain.Period;

/**
 * Judges one figure A at time t against a target's trajectory (DESIGN.md, "Evaluation method"),
 * given the other figures of its series. Pure arithmetic: no framework, no I/O.
 */
public final class Evaluator {

    static final double EPSILON = 1e-9;

    private Evaluator() {
    }

    /**
     * @param current the figure being judged
     * @param history every figure of the series known now (latest revisions), the current one included
     */
    public static Judgement evaluate(TargetSpec spec, Point current, List<Point> history) {
        if (current.end() > spec.deadlineEnd() + spec.finalReportMonths()) {
            return new Judgement(Status.NOT_JUDGED, null, null, null, "the figure is for a period after the deadline and "
                    + "its final report window, so it is stored but not judged");
        }
        if ("yoy".equals(current.basis()) && !"growth".equals(spec.trajectory())) {
            return new Judgement(Status.NOT_JUDGED, null, null, null,
                    "a year-on-year growth figure cannot be judged against a " + spec.trajectory() + " target of levels");
        }
        return switch (spec.trajectory()) {
            case "linear" -> level(spec, current, history, false);
            case "compound" -> level(spec, current, history, true);
            case "hold" -> hold(spec, current);
            case "annual" -> annual(spec, current, history);
            case "cumulative" -> cumulative(spec, current, history);
            case "growth" -> "year_on_year".equals(spec.growthKind()) ? yearOnYear(spec, current, history)
                    : averageGrowth(spec, current, history);
            default -> new Judgement(Status.NOT_JUDGED, null, null, null, "unknown trajectory '" + spec.trajectory() + "'");
        };
    }

    /** Convenience for a lone figure without history. */
    public static Judgement evaluate(TargetSpec spec, Point current) {
        return evaluate(spec, current, List.of(current));
    }

    // ---------------------------------------------------------------- levels: linear and compound

    private static Judgement level(TargetSpec plan, Point current, List<Point> history, boolean compound) {
        Terms terms = new Terms();
        TargetSpec spec = plan;
        double a = current.value();
        int t = current.end();
        terms.put("A", a).put("t", current.period().toString()).put("V", spec.targetValue());
        if (achieved(spec, a)) {
            return achievedJudgement(spec, a, terms);
        }
        if (!spec.hasBaseline()) {
            Optional<Point> first = firstFigure(current, history);
            if (first.isEmpty()) {
                if (t >= spec.deadlineEnd()) {
                    return new Judgement(Status.MISSED, spec.targetValue(), a - spec.targetValue(), null,
                            "deadline reached, A = " + num(a) + " has not reached V = " + num(spec.targetValue()), terms.map(), null);
                }
                return new Judgement(Status.NO_BASELINE, null, null, null, "the plan states no baseline and this is the "
                        + "first figure posted: it becomes the baseline, and progress is measured from the next figure on",
                        terms.map(), null);
            }
            spec = spec.withBaseline(first.get().value(), first.get().end());
            terms.put("baselineSource", "first posted figure, " + first.get().period());
        } else {
            terms.put("baselineSource", "plan");
        }
        double b = spec.baselineValue();
        terms.put("B", b).put("t0 (months)", spec.baselineEnd()).put("t1 (months)", spec.deadlineEnd()).put("t (months)", t);
        if (t <= spec.baselineEnd()) {
            return new Judgement(Status.NOT_JUDGED, null, null, null,
                    "the figure is for a period at or before the baseline period, so it is stored but not judged", terms.map(), null);
        }
        double v = spec.targetValue();
        double tau = (double) (t - spec.baselineEnd()) / (spec.deadlineEnd() - spec.baselineEnd());
        terms.put("τ", tau);
        String from = baselineNote(terms);
        Judgement judgement;
        if (compound && b > 0 && v > 0 && a > 0) {
            double expected = b * Math.pow(v / b, tau);
            double yearsElapsed = (t - spec.baselineEnd()) / 12.0;
            double yearsTotal = (spec.deadlineEnd() - spec.baselineEnd()) / 12.0;
            double actualGrowth = Math.pow(a / b, 1 / yearsElapsed) - 1;
            double requiredGrowth = Math.pow(v / b, 1 / yearsTotal) - 1;
            double ratio = actualGrowth / requiredGrowth;
            Status status = statusFor(spec, ratio, t);
            terms.put("E", expected).put("g_a", actualGrowth).put("g_r", requiredGrowth).put("r", ratio);
            judgement = new Judgement(status, expected, a - expected, ratio, String.format(Locale.ROOT,
                    "compound%s: τ = %s; E = B·(V/B)^τ = %s·(%s/%s)^%s = %s; g_a = (A/B)^(1/%s) − 1 = %s; "
                            + "g_r = (V/B)^(1/%s) − 1 = %s; r = g_a/g_r = %s → %s",
                    from, num(tau), num(b), num(v), num(b), num(tau), num(expected), num(yearsElapsed), num(actualGrowth),
                    num(yearsTotal), num(requiredGrowth), num(ratio), status), terms.map(), null);
        } else {
            double expected = b + (v - b) * tau;
            terms.put("E", expected);
            if (Math.abs(expected - b) < EPSILON) {
                // The baseline already met the target: any shortfall is a move away from it.
                Status status = statusFor(spec, -1, t);
                return new Judgement(status, expected, a - expected, null, "the baseline B = " + num(b)
                        + " already met the target; A = " + num(a) + " has fallen back → " + status, terms.map(), null);
            }
            double ratio = (a - b) / (expected - b);
            Status status = statusFor(spec, ratio, t);
            terms.put("r", ratio);
            judgement = new Judgement(status, expected, a - expected, ratio, String.format(Locale.ROOT,
                    "linear%s: τ = %s; E = B + (V − B)·τ = %s + (%s − %s)·%s = %s; r = (A − B)/(E − B) = (%s − %s)/(%s − %s) = %s → %s",
                    from, num(tau), num(b), num(v), num(b), num(tau), num(expected), num(a), num(b), num(expected), num(b),
                    num(ratio), status), terms.map(), null);
        }
        return withForecast(judgement, spec, levelSamples(current, history), compound && b > 0 && v > 0, v);
    }

    private static String baselineNote(Terms terms) {
        Object source = terms.map().get("baselineSource");
        return "plan".equals(source) ? "" : " (baseline: " + source + ")";
    }

    /** The earliest figure of the same basis before the current one: the baseline of a plan that states none. */
    private static Optional<Point> firstFigure(Point current, List<Point> history) {
        return history.stream()
                .filter(p -> p.end() < current.end() && p.basis().equals(current.basis()))
                .min((x, y) -> Integer.compare(x.end(), y.end()));
    }

    private static List<Forecaster.Sample> levelSamples(Point current, List<Point> history) {
        List<Forecaster.Sample> samples = new ArrayList<>();
        history.stream()
                .filter(p -> p.end() <= current.end() && p.basis().equals(current.basis()))
                .sorted((x, y) -> Integer.compare(x.end(), y.end()))
                .forEach(p -> samples.add(new Forecaster.Sample(p.end(), p.value())));
        return samples.size() > 8 ? samples.subList(samples.size() - 8, samples.size()) : samples;
    }

    private static Judgement withForecast(Judgement judgement, TargetSpec spec, List<Forecaster.Sample> samples,
            boolean logSpace, double target) {
        if (samples.size() < 3 || samples.stream().map(Forecaster.Sample::x).distinct().count() < 2
                || (logSpace && samples.stream().anyMatch(s -> s.y() <= 0))) {
            return judgement;
        }
        List<Forecaster.Sample> space = logSpace
                ? samples.stream().map(s -> new Forecaster.Sample(s.x(), Math.log(s.y()))).toList() : samples;
        Forecast forecast = Forecaster.project(space, spec.deadlineEnd(), logSpace ? Math.log(target) : target,
                spec.direction(), logSpace, spec.forecastMissBelow());
        Map<String, Object> terms = new LinkedHashMap<>(judgement.terms());
        terms.put("forecast at deadline", forecast.projected());
        terms.put("P(meet target)", forecast.probability());
        return judgement.withTerms(terms).withForecast(forecast);
    }

    // ---------------------------------------------------------------- hold

    /** 稳定在…以上 / 控制在…以下: the level must hold in every period. */
    private static Judgement hold(TargetSpec spec, Point current) {
        double v = spec.targetValue();
        double a = current.value();
        boolean holds = achieved(spec, a);
        Terms terms = new Terms().put("A", a).put("V", v);
        return new Judgement(holds ? Status.ON_TRACK : Status.BREACHED, v, a - v, null,
                "hold: A = " + num(a) + (holds ? " holds " : " breaks ") + (spec.direction() > 0 ? "≥ " : "≤ ") + num(v),
                terms.map(), null);
    }

    // ---------------------------------------------------------------- annual flows judged by year-to-date figures

    private static Judgement annual(TargetSpec spec, Point current, List<Point> history) {
        Optional<YearToDate.Ytd> found = YearToDate.of(current, history);
        if (found.isEmpty()) {
            return new Judgement(Status.NOT_JUDGED, null, null, null, "an annual target is judged by year-to-date "
                    + "(1–N月累计) figures; the year-to-date value of " + current.period() + " cannot be formed");
        }
        YearToDate.Ytd ytd = found.get();
        if (spec.startYear() != null && ytd.year() < spec.startYear()) {
            return new Judgement(Status.NOT_JUDGED, null, null, null,
                    "the target applies from " + spec.startYear() + "; " + current.period() + " is before it");
        }
        double v = spec.targetValue();
        double a = ytd.value();
        int m = ytd.month();
        Terms terms = new Terms().put("V (per year)", v).put("A (year to date)", a).put("m", m);
        Optional<YearToDate.SeasonalShare> seasonal = YearToDate.seasonalShare(ytd.year(), m, history);
        double share = seasonal.map(YearToDate.SeasonalShare::share).orElse(m / 12.0);
        String shareText = seasonal.map(s -> String.format(Locale.ROOT, "s(%d) = %s, the average share reached by month %d in %s",
                m, num(s.share()), m, s.years())).orElse(String.format(Locale.ROOT, "s(%d) = %d/12 (序时进度)", m, m));
        terms.put("s(m)", share).put("s(m) source", seasonal.isPresent() ? "seasonal profile " + seasonal.get().years() : "m/12");
        double expected = v * share;
        terms.put("E", expected);
        if (achieved(spec, a) && (spec.direction() > 0 || m == 12)) {
            return new Judgement(Status.ACHIEVED, expected, a - expected, null, "annual: the year-to-date value A = " + num(a)
                    + " has reached this year's target V = " + num(v), terms.map(), null);
        }
        if (m == 12) {
            return new Judgement(Status.MISSED, expected, a - expected, null, "annual: the year " + ytd.year()
                    + " closed at A = " + num(a) + " against V = " + num(v), terms.map(), null);
        }
        double ratio = spec.direction() > 0 ? a / expected : (a == 0 ? Double.MAX_VALUE : expected / a);
        Status status = spec.thresholds().classify(ratio);
        terms.put("r", ratio);
        return new Judgement(status, expected, a - expected, ratio, String.format(Locale.ROOT,
                "annual (year to date): %s; E = V·s(m) = %s·%s = %s; r = %s = %s → %s", shareText, num(v), num(share),
                num(expected), spec.direction() > 0 ? "A/E" : "E/A", num(ratio), status), terms.map(), null);
    }

    // ---------------------------------------------------------------- cumulative flows since a start year

    private static Judgement cumulative(TargetSpec spec, Point current, List<Point> history) {
        if (spec.startYear() == null) {
            return new Judgement(Status.NOT_JUDGED, null, null, null, "a cumulative target needs the year its sum starts");
        }
        Optional<YearToDate.Ytd> found = YearToDate.of(current, history);
        if (found.isEmpty()) {
            return new Judgement(Status.NOT_JUDGED, null, null, null, "a cumulative target sums yearly flows; the "
                    + "year-to-date value of " + current.period() + " cannot be formed");
        }
        YearToDate.Ytd ytd = found.get();
        int start = spec.startYear();
        if (ytd.year() < start) {
            return new Judgement(Status.NOT_JUDGED, null, null, null,
                    "the sum starts in " + start + "; " + current.period() + " is before it");
        }
        double sum = 0;
        List<Forecaster.Sample> samples = new ArrayList<>();
        int t0 = start * 12;
        samples.add(new Forecaster.Sample(t0, 0));
        for (int year = start; year < ytd.year(); year++) {
            OptionalDouble total = YearToDate.annualTotal(year, history);
            if (total.isEmpty()) {
                return new Judgement(Status.NOT_JUDGED, null, null, null, "the flow of " + year
                        + " has not been posted, so the sum since " + start + " cannot be formed");
            }
            sum += total.getAsDouble();
            samples.add(new Forecaster.Sample(year * 12 + 12, sum));
        }
        double a = sum + ytd.value();
        samples.add(new Forecaster.Sample(current.end(), a));
        double v = spec.targetValue();
        int t = current.end();
        Terms terms = new Terms().put("V (sum)", v).put("A (sum since " + start + ")", a).put("B", 0)
                .put("t0 (months)", t0).put("t1 (months)", spec.deadlineEnd()).put("t (months)", t);
        if (achieved(spec, a)) {
            return achievedJudgement(spec, a, terms);
        }
        double tau = (double) (t - t0) / (spec.deadlineEnd() - t0);
        double expected = v * tau;
        double ratio = a / expected;
        Status status = statusFor(spec, ratio, t);
        terms.put("τ", tau).put("E", expected).put("r", ratio);
        Judgement judgement = new Judgement(status, expected, a - expected, ratio, String.format(Locale.ROOT,
                "cumulative since %d: A = %s; τ = %s; E = V·τ = %s·%s = %s; r = A/E = %s → %s", start, num(a), num(tau), num(v),
                num(tau), num(expected), num(ratio), status), terms.map(), null);
        return withForecast(judgement, spec, samples, false, v);
    }

    // ---------------------------------------------------------------- growth rates

    /** 年均增长 X%: the actual compound annual growth since the baseline over the required X. */
    private static Judgement averageGrowth(TargetSpec plan, Point current, List<Point> history) {
        TargetSpec spec = plan;
        Terms terms = new Terms().put("X (% per year)", spec.targetValue()).put("A", current.value());
        if (!spec.hasBaseline()) {
            Optional<Point> first = firstFigure(current, history);
            if (first.isEmpty()) {
                return new Judgement(Status.NO_BASELINE, null, null, null, "a growth target needs a baseline level; "
                        + "this first figure becomes it", terms.map(), null);
            }
            spec = spec.withBaseline(first.get().value(), first.get().end());
            terms.put("baselineSource", "first posted figure, " + first.get().period());
        }
        int t = current.end();
        double b = spec.baselineValue();
        double a = current.value();
        if (t <= spec.baselineEnd() || b <= 0 || a <= 0) {
            return new Judgement(Status.NOT_JUDGED, null, null, null,
                    "the figure is at or before the baseline, or not a positive level, so it is not judged", terms.map(), null);
        }
        double years = (t - spec.baselineEnd()) / 12.0;
        double actualGrowth = Math.pow(a / b, 1 / years) - 1;
        double requiredGrowth = spec.targetValue() / 100;
        double expected = b * Math.pow(1 + requiredGrowth, years);
        double ratio = actualGrowth / requiredGrowth;
        terms.put("B", b).put("years", years).put("g_a", actualGrowth).put("g_r", requiredGrowth).put("E", expected)
                .put("r", ratio);
        Status status = growthStatus(spec, actualGrowth, requiredGrowth, ratio, t);
        Judgement judgement = new Judgement(status, expected, a - expected, ratio, String.format(Locale.ROOT,
                "growth (年均): g_a = (A/B)^(1/%s) − 1 = (%s/%s)^(1/%s) − 1 = %s; g_r = %s; r = g_a/g_r = %s → %s",
                num(years), num(a), num(b), num(years), num(actualGrowth), num(requiredGrowth), num(ratio), status),
                terms.map(), null);
        double targetLevel = b * Math.pow(1 + requiredGrowth, (spec.deadlineEnd() - spec.baselineEnd()) / 12.0);
        terms.put("level implied at the deadline", targetLevel);
        return withForecast(judgement.withTerms(terms.map()), spec, levelSamples(current, history), true, targetLevel);
    }

    /** 同比增长 X%: the latest year-on-year growth over the required X. */
    private static Judgement yearOnYear(TargetSpec spec, Point current, List<Point> history) {
        double actualGrowth;
        Terms terms = new Terms().put("X (%)", spec.targetValue());
        if ("yoy".equals(current.basis())) {
            actualGrowth = current.value() / 100;
            terms.put("A (% year on year)", current.value());
        } else {
            Optional<Point> lastYear = history.stream()
                    .filter(p -> p.period().year() == current.period().year() - 1
                            && p.period().firstMonth() == current.period().firstMonth()
                            && p.period().lastMonth() == current.period().lastMonth()
                            && p.basis().equals(current.basis()))
                    .findFirst();
            if (lastYear.isEmpty() || lastYear.get().value() == 0) {
                return new Judgement(Status.NOT_JUDGED, null, null, null, "year-on-year growth needs the same period of "
                        + "the year before, which has not been posted", terms.map(), null);
            }
            actualGrowth = current.value() / lastYear.get().value() - 1;
            terms.put("A", current.value()).put("A a year earlier", lastYear.get().value());
        }
        double requiredGrowth = spec.targetValue() / 100;
        double ratio = actualGrowth / requiredGrowth;
        terms.put("g_a", actualGrowth).put("g_r", requiredGrowth).put("r", ratio);
        Status status = growthStatus(spec, actualGrowth, requiredGrowth, ratio, current.end());
        return new Judgement(status, null, null, ratio, String.format(Locale.ROOT,
                "growth (同比): g_a = %s; g_r = %s; r = g_a/g_r = %s → %s", num(actualGrowth), num(requiredGrowth), num(ratio),
                status), terms.map(), null);
    }

    private static Status growthStatus(TargetSpec spec, double actual, double required, double ratio, int t) {
        boolean met = spec.direction() * (actual - required) >= -EPSILON;
        if (t >= spec.deadlineEnd()) {
            return met ? Status.ACHIEVED : Status.MISSED;
        }
        if (spec.direction() < 0) {
            return met ? Status.ON_TRACK : Status.LAGGING;
        }
        return spec.thresholds().classify(ratio);
    }

    // ---------------------------------------------------------------- shared

    private static boolean achieved(TargetSpec spec, double actual) {
        return spec.direction() * (actual - spec.targetValue()) >= -EPSILON;
    }

    private static Judgement achievedJudgement(TargetSpec spec, double a, Terms terms) {
        return new Judgement(Status.ACHIEVED, null, null, null, "A = " + num(a) + (spec.direction() > 0 ? " ≥ " : " ≤ ")
                + "V = " + num(spec.targetValue()) + ": target reached", terms.map(), null);
    }

    private static Status statusFor(TargetSpec spec, double ratio, int t) {
        return t >= spec.deadlineEnd() ? Status.MISSED : spec.thresholds().classify(ratio);
    }

    static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        // What %.4f prints (half up from the shortest decimal of the double), without a Formatter: every evaluation
        // explains itself in a dozen numbers, and formatting them was a tenth of the consumer's time.
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** Named numbers in the order they were computed. */
    private static final class Terms {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Terms put(String name, Object value) {
            values.put(name, value);
            return this;
        }

        Map<String, Object> map() {
            return values;
        }
    }

    /** For tests and callers that speak of period strings. */
    public static Point point(String period, double value, String basis) {
        return new Point(Period.parse(period), value, basis);
    }
}
