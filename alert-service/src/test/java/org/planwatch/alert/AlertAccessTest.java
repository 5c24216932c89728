package org.planwatch.alert;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;
import org.planwatch.deploy.test.TestCredentials;

/** Who may read alerts, acknowledge them and change subscriptions. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "alert"))
class AlertAccessTest {

    /** Narrow, so the other tests' alerts never reach it. */
    private static final Map<String, Object> SUBSCRIPTION = Map.of("recipient", "乳山市督查室", "recipientType", "OFFICE",
            "filters", Map.of("regions", java.util.List.of("371083"), "kinds", java.util.List.of("BREACH")));

    @Test
    void readingAlertsNeedsAValidToken() {
        RestAssured.given().get("/api/v1/alerts").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        RestAssured.given().auth().oauth2(TestCredentials.expired("371000")).get("/api/v1/alerts").then().statusCode(401)
                .contentType("application/problem+json");
        RestAssured.given().auth().oauth2(TestCredentials.tampered("371000")).get("/api/v1/digest").then().statusCode(401);
        RestAssured.given().auth().oauth2(TestCredentials.office("371000")).get("/api/v1/alerts").then().statusCode(200);
    }

    @Test
    void onlyOfficesDepartmentsAndAdministratorsAcknowledge() {
        RestAssured.given().auth().oauth2(TestCredentials.bureau("371000")).contentType("application/json")
                .body(Map.of("by", "威海市统计局", "comment", "已知悉")).post("/api/v1/alerts/{id}/ack", 1)
                .then().statusCode(403).contentType("application/problem+json");
        // An office passes the role check and meets the alert rules (no such alert here).
        RestAssured.given().auth().oauth2(TestCredentials.office("371000")).contentType("application/json")
                .body(Map.of("by", "威海市督查室", "comment", "已知悉")).post("/api/v1/alerts/{id}/ack", 987654)
                .then().statusCode(404);
    }

    @Test
    void onlyAdministratorsChangeSubscriptionsAndOfficesReadThem() {
        RestAssured.given().auth().oauth2(TestCredentials.office("371000")).contentType("application/json")
                .body(SUBSCRIPTION).post("/api/v1/subscriptions").then().statusCode(403).contentType("application/problem+json");
        RestAssured.given().auth().oauth2(TestCredentials.bureau("371000")).get("/api/v1/subscriptions").then().statusCode(403);
        RestAssured.given().auth().oauth2(TestCredentials.office("371000")).get("/api/v1/subscriptions").then().statusCode(200);
        int id = RestAssured.given().auth().oauth2(TestCredentials.admin()).contentType("application/json")
                .body(SUBSCRIPTION).post("/api/v1/subscriptions").then().statusCode(201)
                .body("recipient", equalTo("乳山市督查室")).extract().path("id");
        RestAssured.given().auth().oauth2(TestCredentials.office("371000")).delete("/api/v1/subscriptions/{id}", id).then().statusCode(403);
        RestAssured.given().auth().oauth2(TestCredentials.admin()).delete("/api/v1/subscriptions/{id}", id).then().statusCode(204);
    }
}
