package org.planwatch.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.planwatch.deploy.test.PlanwatchInfrastructure;

/** The catalog as the API serves it, loaded from the plan files at start-up. */
@QuarkusTest
@QuarkusTestResource(value = PlanwatchInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "indicator"))
class CatalogResourceTest {

    @Test
    void listsThePlansWithTheirDocuments() {
        given().get("/api/v1/plans").then().statusCode(200)
                .body("sourceFile", hasItems("000_56408335dcb2bcb8.txt", "001_02d0f658efa8fe2c.txt",
                        "002_25db0be57e59588c.txt", "003_0e7b4b1e1064c15b.txt", "004_9067dfe9718e4d13.txt"))
                .body("find { it.id == 'binzhou-county-economy-2024' }.documentNumber", equalTo("滨政字〔2024〕4号"))
                .body("find { it.id == 'weihai-innovative-city-2023' }.region.nameZh", equalTo("威海市"))
                .body("targets", everyItem(greaterThan(0)));
        given().get("/api/v1/plans/no-such-plan").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no-such-plan"));
    }

    @Test
    void servesZoupingsGdpTargetWithItsQuote() {
        given().get("/api/v1/targets?region=371681&indicator=gdp").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].targetValue", equalTo(800))
                .body("[0].unit", equalTo("亿元"))
                .body("[0].comparator", equalTo(">="))
                .body("[0].deadline", equalTo("2025"))
                .body("[0].region.nameZh", equalTo("邹平市"))
                .body("[0].source.file", equalTo("002_25db0be57e59588c.txt"))
                .body("[0].source.quote", containsString("800亿元"))
                .body("[0].plan.documentNumber", equalTo("滨政字〔2024〕4号"));
    }

    @Test
    void filtersTargetsByDepartmentAndDeadline() {
        given().get("/api/v1/targets?department=市科技局").then().statusCode(200)
                .body("size()", greaterThan(10))
                .body("findAll { !it.leadDepartments.contains('市科技局') && !it.cooperatingDepartments.contains('市科技局') }.size()", equalTo(0));
        given().get("/api/v1/targets?deadline=2024-05").then().statusCode(200)
                .body("deadline", everyItem(equalTo("2024-05")));
        given().get("/api/v1/targets?plan=weihai-innovative-city-2023&deadline=2024").then().statusCode(200)
                .body("id", hasItem("weihai-innovative-city-2023.high_tech_enterprises-2024"));
    }

    @Test
    void servesIndicatorsWithBothNames() {
        given().get("/api/v1/indicators").then().statusCode(200)
                .body("find { it.code == 'high_tech_enterprises' }.unit", equalTo("家"))
                .body("nameEn", everyItem(org.hamcrest.Matchers.notNullValue()));
    }
}
