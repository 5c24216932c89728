package org.planwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.planwatch.ingest.service.IdempotencyKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.Topics;

/** Who may post and read what: bearer tokens, roles, region scope, who-posted, limits and keyed file uploads. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "ingest"))
@QuarkusTestResource(CatalogStub.class)
class AccessControlTest {

    @Inject
    EntityManager entityManager;

    @Inject
    IdempotencyKeys keys;

    private static final ObjectMapper JSON = PlanwatchJackson.newMapper();
    private static final String POST = "/api/v1/observations";
    private static final String UPLOAD = "/api/v1/observations/upload";

    private KafkaCompanion kafka;
    private ConsumerTask<String, String> published;

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

    private static RequestSpecification as(String token) {
        RequestSpecification request = RestAssured.given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
        return token == null ? request : request.auth().oauth2(token);
    }

    private static String figure(String region, String period, int value) {
        return "{\"indicator\":\"high_tech_enterprises\",\"region\":\"" + region + "\",\"period\":\"" + period
                + "\",\"value\":" + value + ",\"unit\":\"家\"}";
    }

    @Test
    void aCountyBureauPostsForItsCountyAndTheRevisionAndItsEventSayWhoPostedIt() throws Exception {
        as(TestCredentials.bureau("371681")).contentType("application/json").body("[" + figure("371681", "2015", 40) + "]")
                .post(POST).then().statusCode(200).body("acceptedCount", equalTo(1));
        as(TestCredentials.office("371000")).get(POST + "?indicator=high_tech_enterprises&region=371681&from=2015&to=2015")
                .then().statusCode(200).body("[0].postedBy", equalTo("bureau-371681"));
        JsonNode event = awaitPublished("high_tech_enterprises|371681|2015");
        assertThat(event.path("data").path("postedBy").asText()).isEqualTo("bureau-371681");
    }

    @Test
    void aCityBureauPostsForACountyUnderIt() {
        as(TestCredentials.bureau("371600")).contentType("application/json").body("[" + figure("371681", "2016", 41) + "]")
                .post(POST).then().statusCode(200).body("acceptedCount", equalTo(1));
        as(TestCredentials.department("市科技局")).get(POST + "?indicator=high_tech_enterprises&region=371681&from=2016&to=2016")
                .then().statusCode(200).body("[0].postedBy", equalTo("bureau-371600"));
    }

    @Test
    void aCrossRegionItemIsRejectedByNameAndARequestOfNothingElseIsA403() {
        as(TestCredentials.bureau("371681")).contentType("application/json")
                .body("[" + figure("371681", "2017", 42) + "," + figure("371000", "2017", 1500) + "]").post(POST).then()
                .statusCode(200).body("acceptedCount", equalTo(1)).body("rejected[0].field", equalTo("[1].region"))
                .body("rejected[0].message", equalTo("bureau-371681 may post only for 371681 and the regions under it; "
                        + "item 1 is for 371000"));
        as(TestCredentials.bureau("371681")).contentType("application/json").body("[" + figure("371600", "2017", 900) + "]")
                .post(POST).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("bureau-371681 may post only for 371681 and the regions under it; item 0 is for 371600"))
                .body("violations[0].field", equalTo("[0].region"));
        as(TestCredentials.admin()).get(POST + "?indicator=high_tech_enterprises&from=2017&to=2017").then().statusCode(200)
                .body("region", equalTo(List.of("371681")));
    }

    @Test
    void aCrossRegionRowOfAFileIsRejectedWithItsRowAndAFileOfNothingElseIsA403() {
        String csv = "指标,地区,时期,数值,单位\nhigh_tech_enterprises,371002,2018,30,家\nhigh_tech_enterprises,371681,2018,45,家\n";
        as(TestCredentials.bureau("371000")).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post(UPLOAD)
                .then().statusCode(200).body("acceptedCount", equalTo(1)).body("rejected[0].row", equalTo(3))
                .body("rejected[0].column", equalTo("地区"))
                .body("rejected[0].message", equalTo("bureau-371000 may post only for 371000 and the regions under it; "
                        + "row 3 is for 371681"));
        String foreign = "indicator,region,period,value,unit\nhigh_tech_enterprises,371000,2018,1300,家\n";
        as(TestCredentials.bureau("371681")).contentType("text/csv").body(foreign.getBytes(StandardCharsets.UTF_8))
                .post(UPLOAD).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("bureau-371681 may post only for 371681 and the regions under it; row 2 is for 371000"))
                .body("violations[0].row", equalTo(2));
    }

    @Test
    void aMissingExpiredTamperedOrForeignTokenIsA401ProblemSayingWhy() {
        String body = "[" + figure("371681", "2019", 50) + "]";
        as(null).contentType("application/json").body(body).post(POST).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("needs a bearer token"));
        as(TestCredentials.expired("371681")).contentType("application/json").body(body).post(POST).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("expired"));
        as(TestCredentials.tampered("371681")).contentType("application/json").body(body).post(POST).then().statusCode(401)
                .body("detail", containsString("signature does not verify"));
        as(TestCredentials.signedByAnotherKey("371681")).contentType("application/json").body(body).post(POST).then()
                .statusCode(401).body("detail", containsString("signature does not verify"));
        as("not-a-jwt").get(POST).then().statusCode(401).contentType("application/problem+json");
        as(null).get(POST).then().statusCode(401);
        as(TestCredentials.admin()).get(POST + "?indicator=high_tech_enterprises&from=2019&to=2019").then().body("size()", equalTo(0));
    }

    @Test
    void anOfficeReadsButCannotPost() {
        as(TestCredentials.office("371000")).contentType("application/json").body("[" + figure("371000", "2019", 1300) + "]")
                .post(POST).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("office-371000 (office) may not POST /api/v1/observations; it needs the role bureau or admin"));
        as(TestCredentials.office("371000")).contentType("text/csv").body("indicator\n".getBytes(StandardCharsets.UTF_8))
                .post(UPLOAD).then().statusCode(403);
    }

    @Test
    void uploadErrorsAreForTheUploaderAnOfficeOrAnAdministrator() {
        String csv = "indicator,region,period,value,unit\nhigh_tech_enterprises,371681,2013,44,家\nhigh_tech_enterprises,371681,2013-13,1,家\n";
        String errors = as(TestCredentials.bureau("371681")).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(UPLOAD).then().statusCode(200).extract().path("errorsCsv");
        as(TestCredentials.bureau("371681")).get(errors).then().statusCode(200).body(containsString("month 13"));
        as(TestCredentials.office("371600")).get(errors).then().statusCode(200);
        as(TestCredentials.admin()).get(errors).then().statusCode(200);
        as(TestCredentials.bureau("371600")).get(errors).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("its own uploads"));
        as(null).get(errors).then().statusCode(401);
    }

    @Test
    void aRetriedFileWithTheSameKeyGetsTheFirstAnswerAndPublishesNothingTwice() throws Exception {
        String key = "zouping-2012-" + System.nanoTime();
        byte[] file = "indicator,region,period,value,unit\nhigh_tech_enterprises,371681,2012,33,家\n".getBytes(StandardCharsets.UTF_8);
        String bureau = TestCredentials.bureau("371681");
        String first = as(bureau).contentType("text/csv").header("Idempotency-Key", key).body(file).post(UPLOAD).then()
                .statusCode(200).body("accepted[0].outcome", equalTo("created")).extract().asString();
        awaitPublished("high_tech_enterprises|371681|2012");
        String retry = as(bureau).contentType("text/csv").header("Idempotency-Key", key).body(file).post(UPLOAD).then()
                .statusCode(200).extract().asString();
        assertThat(JSON.readTree(retry)).isEqualTo(JSON.readTree(first));
        Awaitility.await("nothing published again").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> eventsFor("high_tech_enterprises|371681|2012").size() == 1);

        byte[] other = "indicator,region,period,value,unit\nhigh_tech_enterprises,371681,2012,34,家\n".getBytes(StandardCharsets.UTF_8);
        as(bureau).contentType("text/csv").header("Idempotency-Key", key).body(other).post(UPLOAD).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("Idempotency-Key"));
        // Keys are per caller: the city bureau's same key is its own upload (the same value: unchanged).
        as(TestCredentials.bureau("371600")).contentType("text/csv").header("Idempotency-Key", key).body(file).post(UPLOAD)
                .then().statusCode(200).body("accepted[0].outcome", equalTo("unchanged"));
        assertThat(eventsFor("high_tech_enterprises|371681|2012")).hasSize(1);
    }

    @Test
    void aKeyLeftByAnUploadThatDiedIsRunAgainAndAKeyHeldByARunningUploadIsA409() throws Exception {
        String bureau = TestCredentials.bureau("371681");
        byte[] file = "indicator,region,period,value,unit\nhigh_tech_enterprises,371681,2013,35,家\n".getBytes(StandardCharsets.UTF_8);
        // An upload killed after taking its key leaves the key without an answer and no upload holding it.
        String abandoned = "zouping-2013-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> assertThat(entityManager.createNativeQuery("insert into idempotent_request "
                + "(caller, idempotency_key, request_hash, response, created_at) values (?1, ?2, 'hash', null, now())")
                .setParameter(1, "bureau-371681").setParameter(2, abandoned).executeUpdate()).isEqualTo(1));
        as(bureau).contentType("text/csv").header("Idempotency-Key", abandoned).body(file).post(UPLOAD).then()
                .statusCode(200).body("accepted[0].outcome", equalTo("created"));
        as(bureau).contentType("text/csv").header("Idempotency-Key", abandoned).body(file).post(UPLOAD).then()
                .statusCode(200).body("accepted[0].outcome", equalTo("created"));

        String running = "zouping-2013-running-" + System.nanoTime();
        try (IdempotencyKeys.Hold hold = keys.hold("bureau-371681", running)) {
            as(bureau).contentType("text/csv").header("Idempotency-Key", running).body(file).post(UPLOAD).then()
                    .statusCode(409).contentType("application/problem+json");
        }
        as(bureau).contentType("text/csv").header("Idempotency-Key", running).body(file).post(UPLOAD).then()
                .statusCode(200).body("accepted[0].outcome", equalTo("unchanged"));
    }

    @Test
    void aClientOverItsRateGetsA429NamingTheLimitWithRetryAfter() {
        String token = TestCredentials.bureau("371099");
        for (int i = 0; i < 2; i++) {
            as(token).get(POST + "?indicator=gdp&region=371099").then().statusCode(200);
        }
        Response limited = as(token).get(POST + "?indicator=gdp&region=371099");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.jsonPath().getString("detail")).contains("bureau-371099 sent more than 2 requests a minute",
                "planwatch.limits.clients.bureau-371099.requests-per-minute=2");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        as(TestCredentials.bureau("371681")).get(POST + "?indicator=gdp&region=371099").then().statusCode(200);
    }

    @Test
    void aJsonBodyOverTheLimitIsA413NamingIt() {
        // planwatch.limits.max-json-bytes is 8 MiB; a declared length above it is refused before the body is read.
        as(TestCredentials.bureau("371681")).contentType("application/json").body("[" + " ".repeat(8 * 1024 * 1024 + 1) + "]")
                .post(POST).then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("planwatch.limits.max-json-bytes"));
    }

    private JsonNode awaitPublished(String observationId) {
        return Awaitility.await(observationId + " published").atMost(Duration.ofSeconds(20))
                .until(() -> eventsFor(observationId).stream().findFirst(), Optional::isPresent).orElseThrow();
    }

    private List<JsonNode> eventsFor(String observationId) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : published.getRecords()) {
            JsonNode event = JSON.readTree(record.value());
            if (observationId.equals(event.path("data").path("observationId").asText())) {
                events.add(event);
            }
        }
        return events;
    }
}
