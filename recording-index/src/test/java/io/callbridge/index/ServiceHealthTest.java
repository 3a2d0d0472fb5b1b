package io.callbridge.index;

import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ServiceHealthTest {

    @Test
    void readyWhenKafkaAndTheDatabaseAnswer() {
        when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.data.'cluster.id'", notNullValue())
                .body("checks.find { it.name.contains('Reactive PostgreSQL') }.status", equalTo("UP"))
                .body("checks.find { it.name.contains('Reactive PostgreSQL') }.data.'<default>'", equalTo("UP"));
    }

    @Test
    void alive() {
        when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesItsOpenApi() {
        when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/v1/calls/{callId}'.get.responses.'404'", notNullValue())
                .body("info.title", containsString("recording index"));
    }
}
