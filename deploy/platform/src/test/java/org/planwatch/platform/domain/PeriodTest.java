package org.planwatch.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void parsesEveryCanonicalForm() {
        assertThat(Period.parse("2024")).isEqualTo(new Period(2024, 1, 12, Period.Kind.YEAR));
        assertThat(Period.parse("2024-Q2")).isEqualTo(new Period(2024, 4, 6, Period.Kind.QUARTER));
        assertThat(Period.parse("2024-03")).isEqualTo(new Period(2024, 3, 3, Period.Kind.MONTH));
        assertThat(Period.parse("2024-01..02")).isEqualTo(new Period(2024, 1, 2, Period.Kind.MONTHS));
        assertThat(Period.parse("2024-01..02").toString()).isEqualTo("2024-01..02");
        assertThat(Period.parse("2024-Q2").toString()).isEqualTo("2024-Q2");
    }

    @Test
    void countsElapsedMonthsBetweenPeriodEnds() {
        assertThat(Period.parse("2023").endMonth() - Period.parse("2022").endMonth()).isEqualTo(12);
        assertThat(Period.parse("2024-05").endMonth() - Period.parse("2022").endMonth()).isEqualTo(17);
        assertThat(Period.parse("2024-Q1").endMonth()).isEqualTo(Period.parse("2024-03").endMonth());
    }

    @Test
    void rejectsImpossiblePeriodsWithAReason() {
        assertThatThrownBy(() -> Period.parse("2023-13")).hasMessageContaining("month 13");
        assertThatThrownBy(() -> Period.parse("2023-Q5")).hasMessageContaining("is not one of");
        assertThatThrownBy(() -> Period.parse("2024-02..01")).hasMessageContaining("increasing");
        assertThatThrownBy(() -> Period.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Period.parse("1800")).hasMessageContaining("outside");
    }

    @Test
    void convertsOnlyWithinADimension() {
        assertThat(Units.convert(new BigDecimal("12345"), "万元", "亿元")).isEqualByComparingTo("1.2345");
        assertThat(Units.convert(new BigDecimal("3"), "万人", "人")).isEqualByComparingTo("30000");
        assertThat(Units.sameDimension("家", "个")).isTrue();
        assertThatThrownBy(() -> Units.convert(BigDecimal.ONE, "吨", "元")).hasMessageContaining("cannot be converted");
    }
}
