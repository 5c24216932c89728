package org.planwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;
import org.planwatch.platform.events.PlanwatchJackson;
import org.planwatch.platform.events.Topics;

@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "ingest"))
@QuarkusTestResource(CatalogStub.class)
class ObservationUploadTest {

    private static final ObjectMapper JSON = PlanwatchJackson.newMapper();
    /** Shandong's bureau: posts for every region of the stub's tree. */
    private static final String TOKEN = TestCredentials.bureau("370000");

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

    private static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(TOKEN);
    }

    private static String figure(String period, String value) {
        return "[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"" + period
                + "\",\"value\":" + value + ",\"unit\":\"家\",\"basis\":\"level\"}]";
    }

    @Test
    void aFigureAtItsFirstRevisionIsListedWhenAnotherSeriesHasBeenRevised() {
        given().contentType("application/json").body(figure("2008", "700")).post("/api/v1/observations").then().statusCode(200);
        given().contentType("application/json").body(figure("2009", "800")).post("/api/v1/observations").then().statusCode(200);
        given().contentType("application/json").body(figure("2009", "810")).post("/api/v1/observations").then().statusCode(200)
                .body("accepted[0].revision", equalTo(2));
        given().get("/api/v1/observations?indicator=high_tech_enterprises&region=371000&from=2008&to=2009").then().statusCode(200)
                .body("size()", equalTo(2)).body("period", contains("2008", "2009")).body("revision", contains(1, 2));
    }

    @Test
    void anAcceptedFigureIsStoredAndPublishedOnceAndARevisionIsANewVintage() throws Exception {
        given().contentType("application/json").body(figure("2021", "1200"))
                .post("/api/v1/observations").then().statusCode(200)
                .body("acceptedCount", equalTo(1)).body("accepted[0].outcome", equalTo("created"))
                .body("accepted[0].revision", equalTo(1));
        JsonNode event = awaitPublished("high_tech_enterprises|371000|2021", 1);
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("planwatch.observation.v1");
        assertThat(event.path("data").path("value").decimalValue()).isEqualByComparingTo("1200");

        given().contentType("application/json").body(figure("2021", "1200.0"))
                .post("/api/v1/observations").then().statusCode(200).body("accepted[0].outcome", equalTo("unchanged"));
        given().contentType("application/json").body(figure("2021", "1210"))
                .post("/api/v1/observations").then().statusCode(200)
                .body("accepted[0].outcome", equalTo("revised")).body("accepted[0].revision", equalTo(2));

        assertThat(awaitPublished("high_tech_enterprises|371000|2021", 2).path("data").path("value").decimalValue())
                .isEqualByComparingTo("1210");
        assertThat(eventsFor("high_tech_enterprises|371000|2021")).hasSize(2);
        given().get("/api/v1/observations?indicator=high_tech_enterprises&region=371000&from=2021&to=2021")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].revision", equalTo(2));
        String firstReceived = event.path("data").path("receivedAt").asText();
        given().queryParam("asOf", firstReceived)
                .get("/api/v1/observations?indicator=high_tech_enterprises&region=371000&from=2021&to=2021")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].revision", equalTo(1))
                .body("[0].value", equalTo(1200));
        given().get("/api/v1/observations?indicator=high_tech_enterprises&asOf=2000-01-01").then().statusCode(200)
                .body("size()", equalTo(0));
        given().get("/api/v1/observations?asOf=yesterday").then().statusCode(400)
                .body("violations[0].field", equalTo("asOf"));
        assertThat(given().get("/q/metrics").asString()).contains("planwatch_ingest_observations_total{outcome=\"revised\"");
    }

    @Test
    void aRetriedUploadWithTheSameKeyReturnsTheFirstAnswerAndPublishesNothingNew() throws Exception {
        String key = "bureau-371000-" + System.nanoTime();
        String first = given().contentType("application/json").header("Idempotency-Key", key).body(figure("2012", "900"))
                .post("/api/v1/observations").then().statusCode(200).body("accepted[0].outcome", equalTo("created"))
                .extract().asString();
        String retry = given().contentType("application/json").header("Idempotency-Key", key).body(figure("2012", "900"))
                .post("/api/v1/observations").then().statusCode(200).extract().asString();

        assertThat(JSON.readTree(retry)).isEqualTo(JSON.readTree(first));
        awaitPublished("high_tech_enterprises|371000|2012", 1);
        Awaitility.await("nothing published again").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> eventsFor("high_tech_enterprises|371000|2012").size() == 1);
        given().contentType("application/json").header("Idempotency-Key", key).body(figure("2012", "901"))
                .post("/api/v1/observations").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        given().get("/api/v1/observations?indicator=high_tech_enterprises&region=371000&from=2012&to=2012")
                .then().body("[0].revision", equalTo(1)).body("[0].value", equalTo(900));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown indicator|[{\"indicator\":\"no_such\",\"region\":\"371000\",\"period\":\"2022\",\"value\":1,\"unit\":\"家\"}]|[0].indicator",
            "month 13|[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"2023-13\",\"value\":1,\"unit\":\"家\"}]|[0].period",
            "string value|[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"2022\",\"value\":\"1400\",\"unit\":\"家\"}]|[0].value",
            "unknown region|[{\"indicator\":\"high_tech_enterprises\",\"region\":\"999999\",\"period\":\"2022\",\"value\":1,\"unit\":\"家\"}]|[0].region",
            "wrong dimension|[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"2022\",\"value\":1,\"unit\":\"吨\"}]|[0].unit",
            "missing unit|[{\"indicator\":\"high_tech_enterprises\",\"region\":\"371000\",\"period\":\"2022\",\"value\":1}]|[0].unit",
            "empty array|[]|''",
            "not an array|\"hello\"|''",
    })
    void aBadRequestIsA400ProblemNamingTheFieldAndStoresNothing(String name, String body, String field) {
        given().contentType("application/json").body(body).post("/api/v1/observations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("The request is not valid"))
                .body("violations.field", hasItem(field.equals("''") ? "" : field));
        given().get("/api/v1/observations?indicator=high_tech_enterprises&region=371000&from=2022&to=2022")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anEmptyOrMalformedBodyIsA400Problem() {
        given().contentType("application/json").post("/api/v1/observations").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
        given().contentType("application/json").body("[{\"indicator\":").post("/api/v1/observations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid JSON"));
    }

    @Test
    void validFiguresOfAMixedUploadAreKeptAndEachRejectedOneIsNamed() throws Exception {
        String body = "[{\"indicator\":\"gdp\",\"region\":\"371681\",\"period\":\"2024-Q1\",\"value\":190.5,\"unit\":\"亿元\"},"
                + "{\"indicator\":\"gdp\",\"region\":\"371681\",\"period\":\"2024-Q5\",\"value\":1,\"unit\":\"亿元\"},"
                + "{\"indicator\":\"gdp\",\"region\":\"371681\",\"period\":\"2024-Q1\",\"value\":191,\"unit\":\"亿元\"}]";
        given().contentType("application/json").body(body).post("/api/v1/observations").then().statusCode(200)
                .body("received", equalTo(3)).body("acceptedCount", equalTo(1)).body("rejectedCount", equalTo(2))
                .body("accepted[0].index", equalTo(0)).body("accepted[0].observationId", equalTo("gdp|371681|2024-Q1"))
                .body("rejected.field", hasItem("[1].period")).body("rejected.field", hasItem("[2]"));
        assertThat(awaitPublished("gdp|371681|2024-Q1", 1).path("data").path("basis").asText())
                .as("basis defaults to the indicator's").isEqualTo("ytd");
    }

    private JsonNode awaitPublished(String observationId, int revision) {
        return Awaitility.await(observationId + " revision " + revision + " published").atMost(Duration.ofSeconds(20))
                .until(() -> eventsFor(observationId).stream()
                        .filter(event -> event.path("data").path("revision").asInt() == revision).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private List<JsonNode> eventsFor(String observationId) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : published.getRecords()) {
            JsonNode event = JSON.readTree(record.value());
            if (observationId.equals(event.path("data").path("observationId").asText())) {
                assertThat(record.key()).isEqualTo(event.path("data").path("indicator").asText() + "|"
                        + event.path("data").path("region").asText());
                events.add(event);
            }
        }
        return events;
    }
}
