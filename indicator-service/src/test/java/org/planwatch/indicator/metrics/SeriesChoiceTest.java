package org.planwatch.indicator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.planwatch.indicator.domain.LatestFigures;

/** Which just-evaluated targets keep or get per-target series (TargetGauges.chooseShown). */
class SeriesChoiceTest {

    private static LatestFigures figures(String targetId, String status) {
        return new LatestFigures(targetId, "plan", "gdp", "371000", "亿元", BigDecimal.TEN, List.of("市统计局"), status,
                BigDecimal.ONE, new BigDecimal("2"), 0.5, null, null, null, null);
    }

    private static List<String> ids(List<LatestFigures> shown) {
        return shown.stream().map(LatestFigures::targetId).toList();
    }

    @Test
    void belowTheCapEveryEvaluatedTargetIsShownWhateverItsStatus() {
        Map<String, LatestFigures> latest = Map.of("a", figures("a", "ON_TRACK"), "b", figures("b", "LAGGING"));
        assertThat(ids(TargetGauges.chooseShown(List.of("a", "b", "retired"), latest, Set.of(), false, 2)))
                .containsExactly("a", "b");
    }

    @Test
    void aboveTheCapABurstOfNewTargetsNeedingAttentionFillsOnlyTheSlotsLeft() {
        Map<String, LatestFigures> latest = Map.of("a", figures("a", "LAGGING"), "b", figures("b", "AT_RISK"),
                "c", figures("c", "REGRESSING"), "held", figures("held", "LAGGING"));
        List<LatestFigures> shown = TargetGauges.chooseShown(List.of("a", "held", "b", "c"), latest, Set.of("held", "other"),
                true, 4);
        assertThat(ids(shown)).as("two slots left of four: the first two new ones in order, and the one already held")
                .containsExactly("a", "held", "b");
    }

    @Test
    void aboveTheCapATargetThatRecoveredOrHasNoFiguresIsNotShown() {
        Map<String, LatestFigures> latest = Map.of("recovered", figures("recovered", "ON_TRACK"),
                "lagging", figures("lagging", "LAGGING"));
        assertThat(ids(TargetGauges.chooseShown(List.of("recovered", "lagging", "unread"), latest,
                Set.of("recovered", "unread", "lagging"), true, 3))).containsExactly("lagging");
    }

    @Test
    void aboveTheCapWithEverySlotTakenOnlyTargetsThatHaveSeriesAreUpdated() {
        Map<String, LatestFigures> latest = Map.of("new", figures("new", "LAGGING"), "held", figures("held", "AT_RISK"));
        assertThat(ids(TargetGauges.chooseShown(List.of("new", "held"), latest, Set.of("held", "other"), true, 2)))
                .containsExactly("held");
    }
}
