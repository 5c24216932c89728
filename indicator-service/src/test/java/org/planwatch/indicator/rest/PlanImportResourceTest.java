package org.planwatch.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;

/** The importer over HTTP: a passage of a real plan in, candidate targets out; bad bodies are 400 problem+json. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class PlanImportResourceTest {

    private static final String ADMIN = TestCredentials.admin();
    private static final String TEXT_UTF8 = "text/plain; charset=UTF-8";

    /** The 总体要求 paragraph of 滨政字〔2024〕4号 (seed 002), with its GDP targets for every county. */
    private static String countyEconomyPassage() throws IOException {
        String configured = System.getProperty("planwatch.seeds.dir", System.getenv("PLANWATCH_SEEDS_DIR"));
        Path seeds = Path.of(configured != null ? configured : "../../shared/seeds");
        String document = Files.readString(seeds.resolve("002_25db0be57e59588c.txt"), StandardCharsets.UTF_8);
        int start = document.indexOf("一、总体要求");
        int end = document.indexOf("二、主要任务");
        assertThat(start).as("the passage is in the document").isNotNegative();
        return document.substring(start, end);
    }

    @Test
    void proposesZoupingsGdpTargetFromAPassageOfThePlan() throws IOException {
        String passage = countyEconomyPassage();
        JsonPath answer = given().auth().oauth2(ADMIN).contentType(TEXT_UTF8).body(passage)
                .when().post("/api/v1/plans/import")
                .then().statusCode(200).contentType("application/json")
                .body("count", equalTo(7))
                .body("candidates.size()", equalTo(7))
                .body("candidates.regions.flatten().code", hasItem("371603"))
                .extract().jsonPath();

        List<Map<String, Object>> zouping = answer.getList("candidates.findAll { it.regions.any { r -> r.code == '371681' } }");
        assertThat(zouping).hasSize(1);
        Map<String, Object> gdp = zouping.get(0);
        assertThat(gdp).containsEntry("indicatorPhrase", "地区生产总值")
                .containsEntry("unit", "亿元")
                .containsEntry("comparator", ">=")
                .containsEntry("deadline", "2025")
                .containsEntry("trajectoryGuess", "compound");
        assertThat(((Number) gdp.get("value")).intValue()).isEqualTo(800);
        String quote = (String) gdp.get("quote");
        int offset = ((Number) gdp.get("offset")).intValue();
        assertThat(quote).contains("邹平市").endsWith("800亿元以上");
        assertThat(passage.substring(offset, offset + quote.length())).as("the quote, at its offset").isEqualTo(quote);
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        given().auth().oauth2(ADMIN).contentType(TEXT_UTF8).body("")
                .when().post("/api/v1/plans/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("The request is not valid"))
                .body("violations[0].field", equalTo("body"));
        given().auth().oauth2(ADMIN).contentType(TEXT_UTF8).body("  \n\t ")
                .when().post("/api/v1/plans/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("white space"));
    }

    @Test
    void aTextOverTwoMegabytesIsABadRequest() {
        byte[] oversized = "到2025年,高新技术企业达到1200家。".repeat(60_000).getBytes(StandardCharsets.UTF_8);
        assertThat(oversized.length).isGreaterThan(2 * 1024 * 1024);
        given().auth().oauth2(ADMIN).contentType(TEXT_UTF8).body(oversized)
                .when().post("/api/v1/plans/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("at most 2097152 bytes"));
    }

    @Test
    void aTextNotInItsDeclaredCharsetIsABadRequest() {
        byte[] gbk = "到2025年,高新技术企业达到1200家。".getBytes(java.nio.charset.Charset.forName("GBK"));
        given().auth().oauth2(ADMIN).contentType(TEXT_UTF8).body(gbk)
                .when().post("/api/v1/plans/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid UTF-8"));
    }
}
