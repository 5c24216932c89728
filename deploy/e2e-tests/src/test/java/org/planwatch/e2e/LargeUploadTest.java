package org.planwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 100,000-row CSV, generated while it is sent (never held whole on either side), is accepted by
 * the packaged ingest-service running with a 256 MB heap, with the right counts. indicator-service
 * serves the catalog only here: its consumer reads another topic, so 100,000 evaluations do not
 * slow the other end-to-end tests.
 */
class LargeUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int ROWS = 100_000;
    /** Every 1,000th row has month 13, so 100 rows are rejected. */
    static final int BAD_EVERY = 1_000;
    static final List<String> INDICATORS = List.of("municipal_ie_integration_enterprises", "provincial_ie_integration_enterprises",
            "national_ie_integration_enterprises", "provincial_sci_tech_platforms", "sci_tech_service_agencies",
            "high_tech_enterprises");
    static final List<String> REGIONS = List.of("370000", "371600", "371602", "371603", "371621", "371622", "371623",
            "371625", "371681", "370900", "370902", "370911", "370921", "370923", "370982", "370983", "371000", "371002",
            "371003", "371082", "371083");
    /** Months of 1949–2025, the periods each indicator and region gets. */
    static final int MONTHS = (2025 - 1949 + 1) * 12;

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = new RunningSystem(List.of("indicator-service", "ingest-service"),
                Map.of("indicator-service", List.of("-Dmp.messaging.incoming.observations.topic=planwatch.observations.e2e-unread")));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** Row {@code i} (0-based) of the file: a distinct indicator, region and month each, value i % 5000. */
    static String row(int i) {
        String indicator = INDICATORS.get(i / (REGIONS.size() * MONTHS));
        String region = REGIONS.get((i / MONTHS) % REGIONS.size());
        int month = i % MONTHS;
        String period = (1949 + month / 12) + "-" + (i % BAD_EVERY == BAD_EVERY - 1 ? "13" : String.format("%02d", month % 12 + 1));
        return indicator + "," + region + "," + period + "," + (i % 5000) + ",家\n";
    }

    /** The CSV, made row by row as the HTTP client reads it. */
    static InputStream csv() {
        return new InputStream() {
            private int next = -1;
            private byte[] current = "indicator,region,period,value,unit\n".getBytes(StandardCharsets.UTF_8);
            private int at;

            @Override
            public int read() {
                while (at == current.length) {
                    if (++next >= ROWS) {
                        return -1;
                    }
                    current = row(next).getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                return current[at++] & 0xff;
            }
        };
    }

    @Test
    void aHundredThousandRowCsvIsAcceptedWithA256MbHeapAndItsCountsAreRight() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = system.post("ingest-service", "/api/v1/observations/upload", "text/csv; charset=UTF-8",
                HttpRequest.BodyPublishers.ofInputStream(LargeUploadTest::csv), system.adminToken);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(answer.body());
        assertThat(result.path("received").asInt()).isEqualTo(ROWS);
        assertThat(result.path("acceptedCount").asInt()).isEqualTo(ROWS - ROWS / BAD_EVERY);
        assertThat(result.path("rejectedCount").asInt()).isEqualTo(ROWS / BAD_EVERY);
        assertThat(result.path("rejected").get(0).path("row").asLong()).as("row 1000 of the data is line 1001").isEqualTo(1001);
        assertThat(result.path("acceptedTruncated").asBoolean()).isTrue();
        System.out.printf("100,000-row CSV stored in %d s%n", seconds);

        // Spot checks: one row far into the file, a whole year, and the year holding the first rejected row.
        String[] spot = row(20_500).split(",");
        JsonNode stored = JSON.readTree(system.get("ingest-service", "/api/v1/observations?indicator=" + spot[0] + "&region="
                + spot[1] + "&from=" + spot[2] + "&to=" + spot[2]).body());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("value").decimalValue()).isEqualByComparingTo(spot[3]);
        assertThat(stored.get(0).path("postedBy").asText()).isEqualTo("admin-test");
        JsonNode year = JSON.readTree(system.get("ingest-service", "/api/v1/observations?indicator=" + INDICATORS.get(0)
                + "&region=370000&from=1950-01&to=1950-12").body());
        assertThat(year).as("rows 12–23: every month of 1950").hasSize(12);
        JsonNode withBadRow = JSON.readTree(system.get("ingest-service", "/api/v1/observations?indicator=" + INDICATORS.get(0)
                + "&region=371600&from=1955-01&to=1955-12").body());
        assertThat(withBadRow).as("row 999 (1955, month 13) was rejected, the other 11 months kept").hasSize(11);
        assertThat(system.get("ingest-service", "/q/health/ready").statusCode()).isEqualTo(200);
    }
}
