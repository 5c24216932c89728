package org.planwatch.indicator.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.planwatch.platform.domain.Period;

/**
 * Year-to-date arithmetic of flow series: the 1–N月累计 value a figure stands for, a year's
 * total, and the seasonal share of the year reached by month m in past years.
 */
final class YearToDate {

    /** A year-to-date value: the sum of the year's flow from January to {@code month}. */
    record Ytd(int year, int month, double value) {
    }

    private YearToDate() {
    }

    /**
     * The year-to-date value {@code point} stands for: itself when posted as 1–N月累计 (or as a whole
     * year), else the sum of the year's single-month figures from January, when none is missing.
     */
    static Optional<Ytd> of(Point point, List<Point> history) {
        Period period = point.period();
        if (period.kind() == Period.Kind.YEAR && !"yoy".equals(point.basis()) && !"share".equals(point.basis())) {
            return Optional.of(new Ytd(period.year(), 12, point.value()));
        }
        if (point.isYearToDate() && (period.kind() != Period.Kind.MONTHS || period.firstMonth() == 1)) {
            // A year-to-date figure for month N (1–N月累计), quarter N or 1–2月 counts from January.
            return Optional.of(new Ytd(period.year(), period.lastMonth(), point.value()));
        }
        if ("level".equals(point.basis()) && period.kind() != Period.Kind.YEAR) {
            double sum = 0;
            int covered = 0;
            for (Point p : sameYearFlows(point, history)) {
                if (p.period().firstMonth() == covered + 1 && p.period().lastMonth() <= period.lastMonth()) {
                    sum += p.value();
                    covered = p.period().lastMonth();
                }
            }
            if (covered == period.lastMonth()) {
                return Optional.of(new Ytd(period.year(), covered, sum));
            }
        }
        return Optional.empty();
    }

    private static List<Point> sameYearFlows(Point point, List<Point> history) {
        List<Point> flows = new ArrayList<>();
        for (Point p : history) {
            if (p.period().year() == point.period().year() && "level".equals(p.basis()) && p.period().kind() != Period.Kind.YEAR) {
                flows.add(p);
            }
        }
        flows.sort((a, b) -> Integer.compare(a.period().firstMonth(), b.period().firstMonth()));
        return flows;
    }

    /** The year's total flow: an annual figure, a December (or Q4) year-to-date one, or twelve monthly ones. */
    static OptionalDouble annualTotal(int year, List<Point> history) {
        Optional<Point> december = history.stream()
                .filter(p -> p.period().year() == year && p.period().lastMonth() == 12)
                .filter(p -> p.period().kind() == Period.Kind.YEAR || p.isYearToDate() || "level".equals(p.basis()))
                .reduce((a, b) -> a.period().kind() == Period.Kind.YEAR ? a : b);
        if (december.isEmpty()) {
            return OptionalDouble.empty();
        }
        return of(december.get(), history).map(ytd -> OptionalDouble.of(ytd.value())).orElse(OptionalDouble.empty());
    }

    /**
     * The average share of the annual total reached by {@code month} in the past years (before
     * {@code year}) that have both; empty with fewer than two such years.
     */
    static Optional<SeasonalShare> seasonalShare(int year, int month, List<Point> history) {
        List<Double> shares = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        for (int past = year - 1; past >= year - 10; past--) {
            OptionalDouble total = annualTotal(past, history);
            if (total.isEmpty() || total.getAsDouble() == 0) {
                continue;
            }
            Optional<Ytd> reached = ytdAtMonth(past, month, history);
            if (reached.isPresent()) {
                shares.add(reached.get().value() / total.getAsDouble());
                years.add(past);
            }
        }
        if (shares.size() < 2) {
            return Optional.empty();
        }
        double average = shares.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return Optional.of(new SeasonalShare(average, years, shares));
    }

    record SeasonalShare(double share, List<Integer> years, List<Double> shares) {
    }

    private static Optional<Ytd> ytdAtMonth(int year, int month, List<Point> history) {
        for (Point p : history) {
            if (p.period().year() == year && p.period().lastMonth() == month && p.period().kind() != Period.Kind.YEAR) {
                Optional<Ytd> ytd = of(p, history);
                if (ytd.isPresent()) {
                    return ytd;
                }
            }
        }
        return Optional.empty();
    }
}
