package org.planwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;

/** Subscriptions: validation naming each field, CRUD, and a secret that is never returned. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class SubscriptionApiTest {

    /** Every call here signs in as an administrator (access rules have their own test). */
    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(org.planwatch.deploy.test.TestCredentials.admin());
    }

    @Test
    void anInvalidSubscriptionIsA400NamingEveryBadField() {
        Map<String, Object> bad = Map.of("recipientType", "BUREAU",
                "filters", Map.of("regions", List.of("3716", "371600"), "kinds", List.of("LAG", "LATE"), "minSeverity", "info",
                        "plans", List.of(" ")),
                "webhook", Map.of("url", "ftp://example.org/hook", "secret", "short"));
        given().contentType("application/json").body(bad).post("/api/v1/subscriptions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("recipient", "recipientType", "filters.regions[0]", "filters.kinds[1]",
                        "filters.minSeverity", "filters.plans[0]", "webhook.url", "webhook.secret"))
                .body("violations.field", not(hasItems("filters.regions[1]", "filters.kinds[0]")));
        given().contentType("application/json").body(Map.of("recipient", "督查室", "recipientType", "OFFICE",
                "webhook", Map.of("url", "https://oa.example.gov.cn/hook"))).post("/api/v1/subscriptions").then()
                .statusCode(400).body("violations.field", equalTo(List.of("webhook.secret")));
        given().contentType("application/json").body("{\"recipient\": \"x\", \"filters\": {\"regions\": {\"code\": 1}}}")
                .post("/api/v1/subscriptions").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("filters.regions"));
        given().contentType("application/json").body("{\"recipient\": ").post("/api/v1/subscriptions").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("body"));
        given().contentType("application/json").body("").post("/api/v1/subscriptions").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aSubscriptionIsCreatedReadReplacedAndDeletedWithoutEverShowingItsSecret() {
        Map<String, Object> body = Map.of("recipient", "滨州市委督查室", "recipientType", "office",
                "filters", Map.of("regions", List.of("371600"), "kinds", List.of("lag", "OVERDUE_TARGET")),
                "webhook", Map.of("url", "https://oa.example.gov.cn/planwatch", "secret", "0123456789abcdef-secret"),
                "includeResolutions", false);
        JsonPath created = given().contentType("application/json").body(body).post("/api/v1/subscriptions").then()
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/subscriptions/"))
                .body("recipientType", equalTo("OFFICE"))
                .body("filters.kinds", equalTo(List.of("LAG", "OVERDUE_TARGET")))
                .body("filters.minSeverity", equalTo("warning"))
                .body("filters.plans", equalTo(List.of()))
                .body("webhook.url", equalTo("https://oa.example.gov.cn/planwatch"))
                .body("webhook.secretSet", equalTo(true))
                .body("includeResolutions", equalTo(false))
                .extract().jsonPath();
        long id = created.getLong("id");
        assertThat(given().get("/api/v1/subscriptions/{id}", id).asString()).doesNotContain("0123456789abcdef-secret");
        assertThat(given().get("/api/v1/subscriptions").asString()).doesNotContain("0123456789abcdef-secret");

        // A replacement that leaves the secret out keeps it; one without a webhook drops both.
        given().contentType("application/json").body(Map.of("recipient", "滨州市委督查室", "recipientType", "OFFICE",
                "filters", Map.of("minSeverity", "critical"), "webhook", Map.of("url", "https://oa.example.gov.cn/v2")))
                .put("/api/v1/subscriptions/{id}", id).then().statusCode(200)
                .body("webhook.url", equalTo("https://oa.example.gov.cn/v2")).body("webhook.secretSet", equalTo(true))
                .body("filters.regions", equalTo(List.of())).body("filters.minSeverity", equalTo("critical"))
                .body("includeResolutions", equalTo(true));
        given().contentType("application/json").body(Map.of("recipient", "滨州市委督查室", "recipientType", "OFFICE"))
                .put("/api/v1/subscriptions/{id}", id).then().statusCode(200).body("webhook", nullValue());
        given().contentType("application/json").body(Map.of("recipient", "x", "recipientType", "OFFICE",
                "webhook", Map.of("url", "https://oa.example.gov.cn/v3")))
                .put("/api/v1/subscriptions/{id}", id).then().statusCode(400)
                .body("violations.field", equalTo(List.of("webhook.secret")));

        given().delete("/api/v1/subscriptions/{id}", id).then().statusCode(204);
        given().get("/api/v1/subscriptions/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/subscriptions/{id}", id).then().statusCode(404);
        given().contentType("application/json").body(Map.of("recipient", "x", "recipientType", "OFFICE"))
                .put("/api/v1/subscriptions/{id}", 987654).then().statusCode(404);
    }
}
