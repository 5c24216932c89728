package org.planwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.ConfigProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.Topics;

@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "ingest"))
@QuarkusTestResource(CatalogStub.class)
class FileUploadTest {

    private static final ObjectMapper JSON = PlanwatchJackson.newMapper();
    private static final Charset GBK = Charset.forName("GBK");
    private static final String UPLOAD = "/api/v1/observations/upload";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> published;

    /** RestAssured would otherwise append "; charset=ISO-8859-1" to text/csv, which no bureau's client does. */
    private static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(TestCredentials.bureau("370000")).config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    @BeforeEach
    void listen() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        published = kafka.consumeStrings().fromTopics(Topics.OBSERVATIONS);
    }

    @AfterEach
    void stopListening() {
        published.stop();
        kafka.close();
    }

    @Test
    void aGbkCsvWithChineseHeadersAndAJanuaryFebruaryFigureIsStoredAndPublished() throws Exception {
        String csv = "指标代码,地区代码,期别,数值,单位,口径,来源\r\n"
                + "gdp,371681,2024年1-2月,\"1,376.5\",亿元,ytd,邹平市统计局月报\r\n";
        given().contentType("text/csv").body(csv.getBytes(GBK)).post(UPLOAD).then().statusCode(200)
                .body("received", equalTo(1)).body("acceptedCount", equalTo(1)).body("rejectedCount", equalTo(0))
                .body("format", containsString("GB18030")).body("accepted[0].row", equalTo(2))
                .body("accepted[0].observationId", equalTo("gdp|371681|2024-01..02"));
        assertStoredAndPublished("gdp", "371681", "2024-01..02", "1376.5");
        JsonNode event = awaitPublished("gdp|371681|2024-01..02", 1);
        assertThat(event.path("data").path("source").asText()).isEqualTo("邹平市统计局月报");
    }

    @Test
    void aUtf8CsvWithByteOrderMarkAndFullWidthDigitsIsStoredAndPublished() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String csv = "indicator,region,period,value,unit\nhigh_tech_enterprises,371000,2019年,１３７６,家\n";
        given().contentType("text/csv").body(concat(bom, csv.getBytes(StandardCharsets.UTF_8))).post(UPLOAD).then()
                .statusCode(200).body("acceptedCount", equalTo(1)).body("format", containsString("byte-order mark"));
        assertStoredAndPublished("high_tech_enterprises", "371000", "2019", "1376");
    }

    @Test
    void anSdmxCsvFileIsStoredAndPublished() throws Exception {
        String csv = "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,BASIS\n"
                + "PLANWATCH:OBSERVATIONS(1.0),371681,gdp,2023-Q3,612.4,亿元,ytd\n";
        given().contentType("application/vnd.sdmx.data+csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(UPLOAD).then().statusCode(200).body("acceptedCount", equalTo(1));
        assertStoredAndPublished("gdp", "371681", "2023-Q3", "612.4");
    }

    @Test
    void anXlsxBuiltWithPoiIsStoredAndAFormulaCellIsRejectedOnItsRow() throws Exception {
        byte[] workbook = xlsx(sheet -> {
            header(sheet, "指标", "地区", "时期", "数值", "单位");
            Row good = sheet.createRow(1);
            good.createCell(0).setCellValue("gdp");
            good.createCell(1).setCellValue(371681);
            good.createCell(2).setCellValue("2023年第二季度");
            good.createCell(3).setCellValue(401.25);
            good.createCell(4).setCellValue("亿元");
            Row formula = sheet.createRow(2);
            formula.createCell(0).setCellValue("gdp");
            formula.createCell(1).setCellValue("371681");
            formula.createCell(2).setCellValue("2023年第一季度");
            formula.createCell(3).setCellFormula("100+90");
            formula.createCell(4).setCellValue("亿元");
        });
        given().contentType(XLSX).body(workbook).post(UPLOAD).then().statusCode(200)
                .body("received", equalTo(2)).body("acceptedCount", equalTo(1)).body("rejectedCount", equalTo(1))
                .body("rejected[0].row", equalTo(3)).body("rejected[0].column", equalTo("数值"))
                .body("rejected[0].message", equalTo("formula cells are not accepted; paste values"));
        assertStoredAndPublished("gdp", "371681", "2023-Q2", "401.25");
        given().get("/api/v1/observations?indicator=gdp&region=371681&from=2023-Q1&to=2023-Q1").then()
                .body("size()", equalTo(0));
    }

    @Test
    void goodRowsOfAMixedFileAreKeptAndEachBadRowIsNamedByItsLineInTheErrorCsv() throws Exception {
        String csv = "indicator,region,period,value,unit,source\n"
                + "high_tech_enterprises,371000,2015,900,家,\"bulletin, p. 3\nsecond line\"\n" // rows 2–3
                + "high_tech_enterprises,371000,2016年13月,910,家,\n"                        // row 4
                + "high_tech_enterprises,371000,2017,,家,\n"                                 // row 5
                + "high_tech_enterprises,371000,2018,950,furlongs,\n"                        // row 6
                + "high_tech_enterprises,371000,2099年3月,1,家,\n"                           // row 7
                + "high_tech_enterprises,371000,2015,901,家,\n"                              // row 8
                + "high_tech_enterprises,371000,2014年,880,家,\n";                           // row 9
        ValidatableResponse answer = given().contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(UPLOAD).then().statusCode(200)
                .body("received", equalTo(7)).body("acceptedCount", equalTo(2)).body("rejectedCount", equalTo(5))
                .body("accepted.row", equalTo(List.of(2, 9)))
                .body("rejected.row", equalTo(List.of(4, 5, 6, 7, 8)))
                .body("rejected[0].column", equalTo("period")).body("rejected[1].column", equalTo("value"))
                .body("rejected[2].message", containsString("unknown unit 'furlongs'"))
                .body("rejected[3].message", containsString("after the current month"))
                .body("rejected[4].message", containsString("already row 2"));
        String errorsCsv = answer.extract().path("errorsCsv");
        String errors = given().get(errorsCsv).then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = errors.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFrow,column,message");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).startsWith("4,\"period\",").contains("month 13");
        assertThat(lines.get(3)).startsWith("6,\"unit\",");
        assertStoredAndPublished("high_tech_enterprises", "371000", "2015", "900");
        given().get("/api/v1/uploads/00000000-0000-0000-0000-000000000000/errors.csv").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void allOrNothingStoresNothingWhenARowIsRejected() {
        String csv = "indicator,region,period,value,unit\n"
                + "high_tech_enterprises,371000,2010,700,家\n"
                + "high_tech_enterprises,371000,2011,seven hundred,家\n";
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(UPLOAD + "?mode=all-or-nothing")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("all-or-nothing")).body("violations[0].row", equalTo(3))
                .body("violations[0].column", equalTo("value"));
        given().get("/api/v1/observations?indicator=high_tech_enterprises&region=371000&from=2010&to=2010").then()
                .statusCode(200).body("size()", equalTo(0));
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(UPLOAD).then().statusCode(200)
                .body("acceptedCount", equalTo(1));
        given().get("/api/v1/observations?indicator=high_tech_enterprises&region=371000&from=2010&to=2010").then()
                .body("size()", equalTo(1));
    }

    static Stream<Arguments> badInput() throws IOException {
        String header = "indicator,region,period,value,unit\n";
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        binary[10] = 0;
        byte[] formulaOnly = xlsx(sheet -> {
            header(sheet, "indicator", "region", "period", "value", "unit");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("gdp");
            row.createCell(1).setCellValue("371681");
            row.createCell(2).setCellValue("2022");
            row.createCell(3).setCellFormula("SUM(1,2)");
            row.createCell(4).setCellValue("亿元");
        });
        return Stream.of(
                Arguments.of("truncated quoted field", "text/csv",
                        (header + "gdp,371681,2022,\"800,亿元\n").getBytes(StandardCharsets.UTF_8), 400, "never closed"),
                Arguments.of("GBK bytes declared as UTF-8", "text/csv; charset=UTF-8",
                        ("指标,地区,时期,数值,单位\ngdp,371681,2022,800,亿元\n").getBytes(GBK), 400, "not valid"),
                Arguments.of("binary bytes", "application/octet-stream", binary, 400, "binary"),
                Arguments.of("unknown charset", "text/csv; charset=klingon", header.getBytes(StandardCharsets.UTF_8), 415, "klingon"),
                Arguments.of("formula cell", XLSX, formulaOnly, 400, "none of the 1 row"),
                Arguments.of("a 2 MB single line", "text/csv",
                        (header + "gdp,371681,2022,800," + "x".repeat(2 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8),
                        413, "max-line-chars"),
                Arguments.of("SQL and script text in fields", "text/csv",
                        (header + "\"'; drop table observation; --\",<script>alert(1)</script>,2022,1,亿元\n")
                                .getBytes(StandardCharsets.UTF_8), 400, "none of the 1 row"),
                Arguments.of("unknown unit", "text/csv", (header + "gdp,371681,2022,800,furlongs\n").getBytes(StandardCharsets.UTF_8),
                        400, "none of the 1 row"),
                Arguments.of("header that names nothing", "text/csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8), 400,
                        "header row"),
                Arguments.of("a corrupt xlsx", XLSX, "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1), 400,
                        "xlsx"),
                Arguments.of("an image", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 415, "image/png"),
                Arguments.of("empty body", "text/csv", new byte[0], 400, "empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAClear4xxProblemAndTheServiceStaysHealthy(String name, String contentType, byte[] body, int status,
            String detail) {
        given().contentType(contentType).body(body).post(UPLOAD).then().statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status))
                .body("detail", containsString(detail));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/v1/observations?indicator=gdp&region=371681&from=2022&to=2022").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theSqlTextIsReportedAsAnUnknownIndicatorNotRun() {
        String csv = "indicator,region,period,value,unit\n\"'; drop table observation; --\",371681,2022,1,亿元\n";
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(UPLOAD).then().statusCode(400)
                .body("violations.message", hasItem(containsString("unknown indicator ''; drop table observation; --'")));
        given().get("/api/v1/observations").then().statusCode(200);
    }

    private void assertStoredAndPublished(String indicator, String region, String period, String value) throws Exception {
        String stored = given().get("/api/v1/observations?indicator=" + indicator + "&region=" + region + "&from=" + period
                + "&to=" + period).then().statusCode(200).body("size()", equalTo(1)).body("[0].period", equalTo(period))
                .extract().jsonPath().getString("[0].value");
        assertThat(new BigDecimal(stored)).isEqualByComparingTo(value);
        JsonNode event = awaitPublished(indicator + "|" + region + "|" + period, 1);
        assertThat(event.path("data").path("value").decimalValue()).isEqualByComparingTo(value);
        assertThat(event.path("data").path("period").asText()).isEqualTo(period);
    }

    private JsonNode awaitPublished(String observationId, int revision) {
        return Awaitility.await(observationId + " revision " + revision + " published").atMost(Duration.ofSeconds(20))
                .until(() -> findPublished(observationId, revision), java.util.Optional::isPresent).orElseThrow();
    }

    private java.util.Optional<JsonNode> findPublished(String observationId, int revision) throws Exception {
        for (ConsumerRecord<String, String> record : published.getRecords()) {
            JsonNode event = JSON.readTree(record.value());
            if (observationId.equals(event.path("data").path("observationId").asText())
                    && event.path("data").path("revision").asInt() == revision) {
                return java.util.Optional.of(event);
            }
        }
        return java.util.Optional.empty();
    }

    interface SheetFiller {
        void fill(Sheet sheet);
    }

    static byte[] xlsx(SheetFiller filler) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            filler.fill(workbook.createSheet("月报"));
            workbook.write(out);
            return out.toByteArray();
        }
    }

    static void header(Sheet sheet, String... names) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

}
