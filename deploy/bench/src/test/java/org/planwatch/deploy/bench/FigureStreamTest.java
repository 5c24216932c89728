package org.planwatch.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FigureStreamTest {

    private final NationalCatalog catalog = new NationalCatalog(FigureStream.counties(6, 4), 2026);
    private final FigureStream stream = new FigureStream(catalog, null, new ObjectMapper(), 4, 0);

    @Test
    void eachPhasePostsItsOwnCountiesOnceAndRevisesTheFirstCountyOfThePhaseBefore() {
        Set<String> firstRevisions = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int phase = 0; phase < 6; phase++) {
            List<FigureStream.Upload> uploads = stream.phase(phase);
            int figures = uploads.stream().mapToInt(upload -> upload.figures().size()).sum();
            assertThat(figures).isEqualTo(4 * NationalCatalog.INDICATORS + (phase == 0 ? 0 : NationalCatalog.INDICATORS));
            assertThat(uploads).allSatisfy(upload -> assertThat(upload.figures()).hasSizeLessThanOrEqualTo(FigureStream.FIGURES_PER_UPLOAD));
            assertThat(uploads.stream().filter(FigureStream.Upload::csv)).isNotEmpty();
            assertThat(uploads.stream().filter(upload -> !upload.csv())).isNotEmpty();
            for (FigureStream.Upload upload : uploads) {
                assertThat(keys.add(upload.idempotencyKey())).isTrue();
                for (FigureStream.Figure figure : upload.figures()) {
                    assertThat(figure.county()).isPositive();
                    if (figure.revision() == 1) {
                        assertThat(firstRevisions.add(stream.observationId(figure))).isTrue();
                    } else {
                        assertThat(firstRevisions).contains(stream.observationId(figure));
                    }
                }
            }
        }
        assertThat(firstRevisions).hasSize(catalog.monthEndFigures());
    }

    @Test
    void aRevisionAddsOneCentAndThePhasesAreTheSameEveryRun() {
        FigureStream.Figure first = new FigureStream.Figure(3, 17, 1);
        FigureStream.Figure second = new FigureStream.Figure(3, 17, 2);
        assertThat(stream.value(second).subtract(stream.value(first))).isEqualByComparingTo("0.01");
        assertThat(stream.phase(2)).isEqualTo(new FigureStream(catalog, null, new ObjectMapper(), 4, 0).phase(2));
    }
}
