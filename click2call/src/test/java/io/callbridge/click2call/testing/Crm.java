package io.callbridge.click2call.testing;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** A CRM of one of the test tenants calling {@code /v1/calls}. */
public enum Crm {
    /** FixDigital through the URL template. */
    ACME("acme-test-key"),
    /** UIS. */
    GLOBEX("globex-test-key"),
    /** Call Center Studio. */
    INITECH("initech-test-key"),
    /** ConVox. */
    UMBRELLA("umbrella-test-key"),
    /** FixDigital, 3 calls a minute per agent. */
    HOOLI("hooli-test-key");

    private final String key;

    Crm(String key) {
        this.key = key;
    }

    public ValidatableResponse call(String agent, String number) {
        return callWith("{\"agent\": \"" + agent + "\", \"number\": \"" + number + "\"}");
    }

    public ValidatableResponse callWith(String body) {
        return given().header("Authorization", "Bearer " + key)
                .contentType(ContentType.JSON)
                .body(body)
                .when().post("/v1/calls")
                .then();
    }

    public ValidatableResponse status(String requestId) {
        return given().header("Authorization", "Bearer " + key)
                .when().get("/v1/calls/" + requestId)
                .then();
    }
}
