package org.planwatch.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.planwatch.platform.problem.ProblemException;

/** ISO weeks of the digest, including the ones that start in the previous year and week 53. */
class DigestWeekTest {

    @Test
    void anIsoWeekStartsOnItsMonday() {
        assertThat(DigestService.monday("2026-W47")).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(DigestService.monday("2020-W01")).isEqualTo(LocalDate.of(2019, 12, 30));
        assertThat(DigestService.monday("2026-W53")).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    void aWeekThatDoesNotExistIsAProblemNamingTheParameter() {
        assertThatThrownBy(() -> DigestService.monday("2025-W53")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("ISO week");
        assertThatThrownBy(() -> DigestService.monday("2026-47")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> DigestService.monday("2026-W00")).isInstanceOf(ProblemException.class);
    }
}
