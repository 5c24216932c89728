package org.planwatch.ingest.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.planwatch.platform.domain.Period;

class ReportingRulesTest {

    private static final WorkingDays DAYS = HolidayFiles.load(null);

    private static LocalDate due(ReportingRules rules, String indicator, String frequency, String period) {
        return rules.ruleFor(indicator, frequency).orElseThrow().dueDate(Period.parse(period), DAYS);
    }

    @Test
    void theShippedRulesDateEachFrequency() {
        ReportingRules rules = ReportingRules.load(null);
        assertThat(due(rules, "urban_new_employment", "monthly", "2024-03")).isEqualTo("2024-04-20");
        assertThat(due(rules, "urban_new_employment", "monthly", "2024-12")).isEqualTo("2025-01-20");
        assertThat(due(rules, "urban_new_employment", "monthly", "2024-01..02")).isEqualTo("2024-03-20");
        assertThat(due(rules, "high_tech_enterprises", "annual", "2024")).isEqualTo("2025-03-31");
        assertThat(due(rules, "gdp", "quarterly", "2024-Q3")).isEqualTo("2024-10-25");
        assertThat(rules.ruleFor("port_cargo_throughput", "monthly").orElseThrow().januaryWithFebruary()).isTrue();
        assertThat(rules.ruleFor("xinyidai_registered_enterprises", "monthly").orElseThrow().januaryWithFebruary()).isFalse();
        assertThat(rules.ruleFor("gdp", "weekly")).isEmpty();
        assertThat(rules.ruleFor("gdp", "quarterly").orElseThrow().describe()).isEqualTo("15 working days after the period");
        assertThat(rules.ruleFor("gdp", "monthly").orElseThrow().describe()).isEqualTo("day 20 of the 1st month after the period");
    }

    @Test
    void configuredKeysChangeAFrequencyOrOneIndicator() {
        ReportingRules rules = ReportingRules.load(null)
                .with("quarterly", "days", "20")
                .with("monthly", "rollForward", "true")
                .with("port_cargo_throughput", "januaryWithFebruary", "false")
                .with("rd_intensity", "dayOfMonth", "30");
        assertThat(due(rules, "gdp", "quarterly", "2024-Q3")).isEqualTo("2024-11-01");
        // Sunday 20 October 2024 moves to Monday the 21st; 20 April 2024 is a Saturday, the 22nd the next working day.
        assertThat(due(rules, "any", "monthly", "2024-09")).isEqualTo("2024-10-21");
        assertThat(due(rules, "any", "monthly", "2024-03")).isEqualTo("2024-04-22");
        assertThat(rules.ruleFor("port_cargo_throughput", "monthly").orElseThrow().januaryWithFebruary()).isFalse();
        assertThat(due(rules, "rd_intensity", "annual", "2024")).isEqualTo("2025-03-30");
        assertThat(rules.ruleFor("any", "monthly").orElseThrow().describe()).endsWith("moved to the next working day");
    }

    @Test
    void dayOfMonthIsCappedAndCalendarDaysCanBeCounted() throws Exception {
        ReportingRules rules = ReportingRules.parse(new ObjectMapper(new YAMLFactory()).readTree("""
                frequencies:
                  monthly: {counting: calendar-days, monthsAfter: 1, dayOfMonth: 31}
                  annual: {counting: calendar-days, days: 45}
                """));
        assertThat(due(rules, "x", "monthly", "2024-01")).isEqualTo("2024-02-29");
        assertThat(due(rules, "x", "annual", "2024")).isEqualTo("2025-02-14");
    }

    @Test
    void anInvalidRuleIsRefusedWithItsReason() {
        ReportingRules rules = ReportingRules.load(null);
        assertThatThrownBy(() -> rules.with("monthly", "counting", "lunar-days")).hasMessageContaining("lunar-days");
        assertThatThrownBy(() -> rules.with("monthly", "deadline", "1")).hasMessageContaining("unknown");
        assertThatThrownBy(() -> ReportingRules.load(null).with("quarterly", "days", "0")).hasMessageContaining("days ≥ 1");
        assertThatThrownBy(() -> ReportingRules.parse(new ObjectMapper(new YAMLFactory()).readTree(
                "frequencies:\n  annual: {counting: calendar-days, monthsAfter: 3}\n")))
                .hasMessageContaining("monthsAfter and dayOfMonth, or days");
        assertThatThrownBy(() -> ReportingRules.load(null).with("gdp", "januaryWithFebruary", "yes"))
                .hasMessageContaining("gdp").hasMessageContaining("neither true nor false");
        assertThat(CalendarSetup.camelCase("january-with-february")).isEqualTo("januaryWithFebruary");
        assertThat(CalendarSetup.camelCase("days")).isEqualTo("days");
    }
}
