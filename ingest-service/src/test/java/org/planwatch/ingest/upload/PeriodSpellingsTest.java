package org.planwatch.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodSpellingsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "2024-03|2024-03", "2024年3月|2024-03", "2024年03月|2024-03", "２０２４年３月|2024-03", "2024/3|2024-03",
            "2024年1-2月|2024-01..02", "2024年1—2月|2024-01..02", "2024年1～2月|2024-01..02", "2024年1-3月|2024-01..03",
            "2024-01..02|2024-01..02",
            "2024Q1|2024-Q1", "2024-Q1|2024-Q1", "2024q3|2024-Q3", "2024年一季度|2024-Q1", "2024年第一季度|2024-Q1",
            "2024年第四季度|2024-Q4",
            "2024|2024", "2024年|2024", " 2024年 |2024",
    })
    void bureauSpellingsBecomeTheCanonicalPeriod(String spelling, String canonical) {
        assertThat(PeriodSpellings.parse(spelling).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024年13月", "2024年3-1月", "2024年第五季度", "2024-Q5", "24年3月", "March 2024", "", "2024-00"})
    void otherSpellingsAreRefusedWithAMessage(String spelling) {
        assertThatThrownBy(() -> PeriodSpellings.parse(spelling)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("period");
    }
}
