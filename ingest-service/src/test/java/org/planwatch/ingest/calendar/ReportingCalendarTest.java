package org.planwatch.ingest.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planwatch.ingest.calendar.ReportingCalendar.Arrival;
import org.planwatch.ingest.calendar.ReportingCalendar.Item;
import org.planwatch.ingest.calendar.ReportingCalendar.Span;
import org.planwatch.ingest.calendar.ReportingCalendar.Status;
import org.planwatch.platform.domain.Period;

class ReportingCalendarTest {

    private static final ReportingCalendar CALENDAR = new ReportingCalendar(ReportingRules.load(null),
            HolidayFiles.load(null), ZoneId.of("Asia/Shanghai"));

    private static int month(int year, int month) {
        return year * 12 + month;
    }

    private static Arrival arrived(String observationId, String at) {
        return new Arrival(observationId, OffsetDateTime.parse(at));
    }

    @Test
    void periodsOfEachFrequencyBetweenTheBaselineAndTheDeadline() {
        assertThat(ReportingCalendar.periods("annual", false, month(2022, 12) + 1, month(2025, 12)))
                .map(Period::toString).containsExactly("2023", "2024", "2025");
        // A plan issued in February 2024 with no baseline: the first quarter is expected; a May deadline holds Q2.
        assertThat(ReportingCalendar.periods("quarterly", false, month(2024, 2), month(2024, 5)))
                .map(Period::toString).containsExactly("2024-Q1", "2024-Q2");
        assertThat(ReportingCalendar.periods("monthly", true, month(2025, 1), month(2025, 4)))
                .map(Period::toString).containsExactly("2025-01..02", "2025-03", "2025-04");
        assertThat(ReportingCalendar.periods("monthly", false, month(2024, 11), month(2025, 2)))
                .map(Period::toString).containsExactly("2024-11", "2024-12", "2025-01", "2025-02");
        assertThat(ReportingCalendar.periods("weekly", false, month(2024, 1), month(2025, 1))).isEmpty();
    }

    @Test
    void statusesOfA1to2MonthlyIndicatorOnAFixedDay() {
        Span port = new Span("port_cargo_throughput", "港口货物吞吐量", "371600", "滨州市", "monthly", month(2025, 1), month(2025, 12));
        Map<String, Arrival> arrivals = Map.of(
                // Posted as February's year-to-date figure: counts for 1–2月.
                "port_cargo_throughput|371600|2025-02", arrived("port_cargo_throughput|371600|2025-02", "2025-03-15T09:00:00+08:00"));
        List<Item> items = CALENDAR.items(List.of(port), arrivals, LocalDate.of(2025, 5, 10));
        assertThat(items).extracting(Item::period).containsExactly("2025-01..02", "2025-03", "2025-04");
        assertThat(items).extracting(Item::dueDate).containsExactly(LocalDate.of(2025, 3, 20), LocalDate.of(2025, 4, 20),
                LocalDate.of(2025, 5, 20));
        assertThat(items).extracting(Item::status).containsExactly(Status.RECEIVED, Status.OVERDUE, Status.DUE);
        assertThat(items.get(0).observationId()).isEqualTo("port_cargo_throughput|371600|2025-02");
    }

    @Test
    void aFigureIsLateByTheDueDateInChinaNotInUtc() {
        Span gdp = new Span("gdp", "地区生产总值", "371600", "滨州市", "quarterly", month(2024, 1), month(2024, 12));
        Map<String, Arrival> arrivals = Map.of(
                // Due 22 April 2024 (15 working days, Qingming and its make-up Sunday counted): 23:30 in Beijing is on time…
                "gdp|371600|2024-Q1", arrived("gdp|371600|2024-Q1", "2024-04-22T15:30:00Z"),
                // …and 00:30 on the day after the due date is late, though it is still the due date in UTC.
                "gdp|371600|2024-Q3", arrived("gdp|371600|2024-Q3", "2024-10-25T16:30:00Z"));
        List<Item> items = CALENDAR.items(List.of(gdp, gdp), arrivals, LocalDate.of(2025, 1, 10));
        assertThat(items).extracting(Item::period).containsExactly("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4");
        assertThat(items).extracting(Item::status).containsExactly(Status.RECEIVED, Status.OVERDUE, Status.RECEIVED_LATE,
                Status.DUE);
        assertThat(items.get(2).dueDate()).isEqualTo(LocalDate.of(2024, 10, 25));
        assertThat(items.get(3).dueDate()).isEqualTo(LocalDate.of(2025, 1, 22));
    }

    @Test
    void thePeriodInProgressAndTheDueDateItselfAreNotLate() {
        Span annual = new Span("high_tech_enterprises", "高新技术企业数量", "371000", "威海市", "annual", month(2023, 1), month(2025, 12));
        List<Item> onTheDueDate = CALENDAR.items(List.of(annual), Map.of(), LocalDate.of(2025, 3, 31));
        assertThat(onTheDueDate).extracting(Item::period).containsExactly("2023", "2024");
        assertThat(onTheDueDate).extracting(Item::status).containsExactly(Status.OVERDUE, Status.DUE);
        assertThat(CALENDAR.items(List.of(annual), Map.of(), LocalDate.of(2025, 4, 1)))
                .extracting(Item::status).containsExactly(Status.OVERDUE, Status.OVERDUE);
    }
}
