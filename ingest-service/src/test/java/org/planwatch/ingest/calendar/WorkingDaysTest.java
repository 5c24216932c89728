package org.planwatch.ingest.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Working days with the shipped State Council holiday notices (2022–2026). */
class WorkingDaysTest {

    private static final WorkingDays SHIPPED = HolidayFiles.load(null);

    @ParameterizedTest(name = "{0} is a working day: {1}")
    @CsvSource({
            "2024-10-07, false",  // Monday inside the National Day week
            "2024-10-12, true",   // Saturday worked instead (调休上班)
            "2024-09-29, true",   // Sunday worked before the National Day week
            "2024-02-09, true",   // 除夕 2024: the notice only encourages leave
            "2024-02-18, true",   // Sunday after the Spring Festival
            "2024-06-10, false",  // 端午节, a Monday joined to the weekend
            "2025-01-28, false",  // 除夕 2025, a holiday under the revised rules
            "2025-05-02, false",  // 劳动节 2025
            "2025-10-08, false",  // the eighth day of 国庆节、中秋节 2025
            "2025-10-11, true",   // Saturday worked after it
            "2026-01-04, true",   // Sunday worked after 元旦 2026
            "2026-02-23, false",  // 正月初七 2026
            "2026-02-28, true",   // Saturday worked after the Spring Festival 2026
            "2026-11-21, false",  // an ordinary Saturday
            "2026-11-23, true",   // an ordinary Monday
    })
    void statutoryHolidaysAndMakeUpDays(LocalDate date, boolean working) {
        assertThat(SHIPPED.isWorkingDay(date)).isEqualTo(working);
    }

    @Test
    void fifteenWorkingDaysAfterTheThirdQuarterCrossTheNationalDayWeekAndItsMakeUpSaturday() {
        // Oct 1–7 are off and Saturday Oct 12 is worked: 8,9,10,11,12,14,…,18,21,…,25.
        assertThat(SHIPPED.nthWorkingDayAfter(LocalDate.of(2024, 9, 30), 15)).isEqualTo(LocalDate.of(2024, 10, 25));
        // Counting weekdays alone would say Oct 21: the holiday data moves the due date by four days.
        assertThat(WorkingDays.weekdaysOnly().nthWorkingDayAfter(LocalDate.of(2024, 9, 30), 15))
                .isEqualTo(LocalDate.of(2024, 10, 21));
        // 2025: Oct 1–8 off, Saturday Oct 11 worked.
        assertThat(SHIPPED.nthWorkingDayAfter(LocalDate.of(2025, 9, 30), 15)).isEqualTo(LocalDate.of(2025, 10, 28));
    }

    @Test
    void workingDaysAcrossTheNewYearAndQingming() {
        assertThat(SHIPPED.nthWorkingDayAfter(LocalDate.of(2024, 12, 31), 15)).isEqualTo(LocalDate.of(2025, 1, 22));
        // 元旦 2026 is Jan 1–3 and Sunday Jan 4 is worked, so it is the first working day.
        assertThat(SHIPPED.nthWorkingDayAfter(LocalDate.of(2025, 12, 31), 1)).isEqualTo(LocalDate.of(2026, 1, 4));
        assertThat(SHIPPED.nthWorkingDayAfter(LocalDate.of(2024, 3, 31), 15)).isEqualTo(LocalDate.of(2024, 4, 22));
        assertThat(SHIPPED.onOrAfter(LocalDate.of(2024, 10, 1))).isEqualTo(LocalDate.of(2024, 10, 8));
        assertThat(SHIPPED.onOrAfter(LocalDate.of(2024, 10, 12))).isEqualTo(LocalDate.of(2024, 10, 12));
    }

    @Test
    void aYearWithoutDataCountsWeekdaysOnly() {
        assertThat(SHIPPED.years()).containsExactly(2022, 2023, 2024, 2025, 2026);
        assertThat(SHIPPED.covers(2019)).isFalse();
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2019, 10, 1))).isTrue();
        assertThat(SHIPPED.holidayName(LocalDate.of(2025, 10, 6))).isEqualTo("国庆节、中秋节");
    }

    @Test
    void aDirectoryReplacesAShippedYearAndAddsYears(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("holidays-2024.yaml"), """
                year: 2024
                source: a corrected notice
                holidays:
                  - {name: 国庆节, from: 2024-10-01, to: 2024-10-03}
                workdays: []
                """);
        Files.writeString(dir.resolve("holidays-2027.yaml"), """
                year: 2027
                source: 国务院办公厅关于2027年部分节假日安排的通知
                holidays:
                  - {name: 元旦, from: 2027-01-01, to: 2027-01-01}
                """);
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        WorkingDays days = HolidayFiles.load(dir);
        assertThat(days.years()).contains(2024, 2027, 2026);
        assertThat(days.isWorkingDay(LocalDate.of(2024, 10, 4))).isTrue();
        assertThat(days.isWorkingDay(LocalDate.of(2024, 10, 12))).as("the replaced year has no make-up day").isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2026, 10, 10))).as("shipped 2026 kept").isTrue();
    }

    @Test
    void aMalformedFileIsRefusedWithItsReason() {
        assertThatThrownBy(() -> HolidayFiles.parse(yaml("""
                year: 2024
                source: x
                workdays:
                  - {date: 2024-10-08, name: 国庆节}
                """), "holidays-2024.yaml", 2024)).hasMessageContaining("2024-10-08").hasMessageContaining("TUESDAY");
        assertThatThrownBy(() -> HolidayFiles.parse(yaml("year: 2023\nsource: x\n"), "holidays-2024.yaml", 2024))
                .hasMessageContaining("'year' must be 2024");
        assertThatThrownBy(() -> HolidayFiles.parse(yaml("year: 2024\n"), "holidays-2024.yaml", 2024))
                .hasMessageContaining("source");
        assertThatThrownBy(() -> HolidayFiles.parse(yaml("""
                year: 2024
                source: x
                holidays:
                  - {name: 国庆节, from: 2024-10-07, to: 2024-10-01}
                """), "holidays-2024.yaml", 2024)).hasMessageContaining("from ≤ to");
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
