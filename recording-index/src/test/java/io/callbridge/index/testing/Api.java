package io.callbridge.index.testing;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Calls the API with the test tenants' keys. */
public final class Api {

    public static final String ACME_KEY = "acme-test-key";
    public static final String GLOBEX_KEY = "globex-test-key";

    private Api() {
    }

    public static ValidatableResponse getCall(String apiKey, String callId) {
        return given().header("Authorization", "Bearer " + apiKey)
                .when().get("/v1/calls/{callId}", callId)
                .then();
    }

    /** Waits until acme's call is served and its body passes the check, e.g. once all its events are applied. */
    public static ValidatableResponse awaitCall(String callId, Predicate<JsonPath> check) {
        return awaitCall(ACME_KEY, callId, check);
    }

    /** Waits until the key's tenant's call is served and its body passes the check. */
    public static ValidatableResponse awaitCall(String apiKey, String callId, Predicate<JsonPath> check) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> getCall(apiKey, callId).extract().response(),
                        response -> response.statusCode() == 200 && check.test(response.jsonPath()))
                .then();
    }

    /** A request of the tenant of that key. */
    public static RequestSpecification as(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey);
    }

    /** Checks the number of distinct events applied to a call. */
    public static Predicate<JsonPath> eventCount(int count) {
        return call -> call.getInt("eventCount") == count;
    }
}
