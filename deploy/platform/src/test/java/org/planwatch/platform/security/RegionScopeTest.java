package org.planwatch.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegionScopeTest {

    private static final Map<String, String> PARENTS = Map.of("371681", "371600", "371602", "371600", "371600", "370000",
            "371000", "370000", "371002", "371000");

    @Test
    void aRegionIsCoveredByItselfAndEveryRegionAboveIt() {
        assertThat(RegionScope.covers(Set.of("371681"), "371681", PARENTS::get)).isTrue();
        assertThat(RegionScope.covers(Set.of("371600"), "371681", PARENTS::get)).as("county under the city").isTrue();
        assertThat(RegionScope.covers(Set.of("370000"), "371002", PARENTS::get)).as("two levels down").isTrue();
        assertThat(RegionScope.covers(Set.of("371681"), "371600", PARENTS::get)).as("not the city above").isFalse();
        assertThat(RegionScope.covers(Set.of("371002"), "371000", PARENTS::get)).isFalse();
        assertThat(RegionScope.covers(Set.of("371600"), "371000", PARENTS::get)).as("a sibling city").isFalse();
        assertThat(RegionScope.covers(Set.of(), "371000", PARENTS::get)).isFalse();
    }

    @Test
    void aCycleInTheTreeEnds() {
        Map<String, String> cycle = Map.of("a", "b", "b", "a");
        assertThat(RegionScope.covers(Set.of("c"), "a", cycle::get)).isFalse();
    }
}
