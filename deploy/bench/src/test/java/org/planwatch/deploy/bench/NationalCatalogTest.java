package org.planwatch.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NationalCatalogTest {

    @Test
    void countyCodesAreDistinctSixDigitCodesClearOfTheRealCatalog() {
        NationalCatalog catalog = new NationalCatalog(2_850, 2026);
        Set<String> codes = new HashSet<>();
        for (int county = 0; county < catalog.counties(); county++) {
            String code = catalog.countyCode(county);
            assertThat(code).matches("\\d{6}").doesNotStartWith("37");
            codes.add(code);
        }
        assertThat(codes).hasSize(2_850);
        assertThat(catalog.targets()).isEqualTo(570_000);
    }

    @Test
    void aboutOneFigureInFiveRaisesAnAlertAndTheDrawIsDeterministic() {
        NationalCatalog catalog = new NationalCatalog(500, 2026);
        int alerts = catalog.expectedAlerts();
        assertThat(alerts).isBetween((int) (catalog.monthEndFigures() * 0.18), (int) (catalog.monthEndFigures() * 0.22));
        assertThat(new NationalCatalog(500, 2026).expectedAlerts()).isEqualTo(alerts);
        assertThat(new NationalCatalog(500, 7).expectedAlerts()).isNotEqualTo(alerts);
    }

    @Test
    void anOnTrackFigureStandsAtTheTrajectoryOfOctober2026() {
        NationalCatalog catalog = new NationalCatalog(10, 2026);
        BigDecimal baseline = catalog.baseline(3, 17);
        // linear from the end of 2025 to +24% at the end of 2027: ten months of 24 → +10% expected
        BigDecimal expected = baseline.multiply(new BigDecimal("1.10"));
        BigDecimal figure = catalog.figure(3, 17, NationalCatalog.Outcome.ON_TRACK);
        assertThat(figure.subtract(baseline).doubleValue() / expected.subtract(baseline).doubleValue()).isBetween(1.0, 1.05);
        assertThat(catalog.figure(3, 17, NationalCatalog.Outcome.REGRESSING)).isLessThan(baseline);
    }

    @Test
    void writesACatalogDirectoryWithOnePlanPerPrefecture(@TempDir Path directory) throws IOException {
        NationalCatalog catalog = new NationalCatalog(25, 2026);
        ObjectMapper json = new ObjectMapper();
        catalog.write(directory, json);
        JsonNode index = json.readTree(directory.resolve("index.yaml").toFile());
        assertThat(index.path("plans")).hasSize(3);
        JsonNode plan = json.readTree(directory.resolve("plans").resolve(index.path("plans").get(2).asText()).toFile());
        assertThat(plan.path("targets")).hasSize(5 * NationalCatalog.INDICATORS);
        assertThat(json.readTree(directory.resolve("regions.yaml").toFile())).hasSize(1 + 3 + 25);
        assertThat(Files.readString(directory.resolve("indicators.yaml"))).contains("bench_i199");
    }
}
