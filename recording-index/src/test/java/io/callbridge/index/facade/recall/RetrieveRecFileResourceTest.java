package io.callbridge.index.facade.recall;

import io.callbridge.index.testing.Api;
import io.callbridge.index.testing.EndedCall;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.GLOBEX_KEY;
import static io.callbridge.index.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** Recall's RetrieveRecFile; the test profile puts acme in Asia/Jerusalem, so vendor times are read there. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RetrieveRecFileResourceTest {

    private static final String PATH = "/RecallIPInterfaceWS/JSONP/Recording.aspx/RetrieveRecFile";
    /** The sample of 000, verbatim after the host. */
    private static final String SAMPLE = PATH
            + "?sExtension=34&sPhoneNumber=1004&dtCallDateTime=%222011-10-10%2018:52:00%22&bDeletionProtected=false&format=json";
    private static final String SAMPLE_RECORDING = "D:/Recall/Records/2011/10/10/34_1004_185000.wav";

    private static TestKafka kafka;
    private static boolean sampleCallIndexed;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka();
    }

    /** The call of the sample, once: the API is not reachable yet in {@code @BeforeAll}. */
    @BeforeEach
    void indexTheSampleCall() {
        if (!sampleCallIndexed) {
            // 18:50 in Jerusalem (UTC+2 in October 2011), five minutes: spans the sample's 18:52.
            EndedCall.of().extension("34").customer("1004").startedAt("2011-10-10T16:50:00Z")
                    .lasting(Duration.ofMinutes(5)).recording(SAMPLE_RECORDING).indexedThrough(kafka);
            sampleCallIndexed = true;
        }
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theSampleUrlAnswersTheRecordingsFullPathAsJson() {
        as(ACME_KEY).urlEncodingEnabled(false).when().get(SAMPLE)
                .then().statusCode(200)
                .contentType("application/json")
                .body("d", equalTo(SAMPLE_RECORDING));
    }

    @Test
    void withACallbackTheAnswerIsJsonp() {
        String body = as(ACME_KEY).urlEncodingEnabled(false).when().get(SAMPLE + "&callback=showRecording")
                .then().statusCode(200)
                .contentType("application/javascript")
                .header("X-Content-Type-Options", "nosniff")
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body)
                .isEqualTo("/**/showRecording({\"d\":\"" + SAMPLE_RECORDING + "\"});");
    }

    @Test
    void aCallbackThatIsNotAPlainIdentifierIsRefused() {
        for (String callback : new String[] {"alert(1)", "a.b", "x;y", "1abc", "<script>"}) {
            as(ACME_KEY).queryParam("callback", callback)
                    .queryParam("sExtension", "34").queryParam("dtCallDateTime", "2011-10-10 18:52:00")
                    .when().get(PATH)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("callback"));
        }
    }

    @Test
    void anotherTenantGetsAnEmptyString() {
        as(GLOBEX_KEY).urlEncodingEnabled(false).when().get(SAMPLE)
                .then().statusCode(200).body("d", equalTo(""));
    }

    @Test
    void theCallSpanningTheTimeWinsElseTheNearestStartWithinTheTolerance() {
        String extension = EndedCall.uniqueExtension();
        EndedCall.of().extension(extension).startedAt("2024-02-01T08:00:00Z").lasting(Duration.ofMinutes(5))
                .recording("/rec/" + extension + "/long.wav").indexedThrough(kafka);
        EndedCall.of().extension(extension).startedAt("2024-02-01T08:07:00Z").lasting(Duration.ofMinutes(1))
                .recording("/rec/" + extension + "/next.wav").indexedThrough(kafka);

        // Jerusalem is UTC+2 in February.
        retrieve(extension, "2024-02-01 10:03:00", null).body("d", equalTo("/rec/" + extension + "/long.wav"));
        // Between the calls: the next one starts 30 s later, within the 60 s tolerance.
        retrieve(extension, "2024-02-01 10:06:30", null).body("d", equalTo("/rec/" + extension + "/next.wav"));
        // Two minutes after the last call ended: nothing within the tolerance.
        retrieve(extension, "2024-02-01 10:10:00", null).body("d", equalTo(""));
    }

    @Test
    void aLongCallSpanningTheTimeWinsOverALaterShortCallThatEndedBefore() {
        // Calls overlap on one extension (a consultation during a call): the latest start before the time is the
        // short call, which no longer spans it; the long call, started earlier, does.
        String extension = EndedCall.uniqueExtension();
        EndedCall.of().extension(extension).startedAt("2024-02-04T08:00:00Z").lasting(Duration.ofMinutes(30))
                .recording("/rec/" + extension + "/long.wav").indexedThrough(kafka);
        EndedCall.of().extension(extension).startedAt("2024-02-04T08:10:00Z").lasting(Duration.ofMinutes(2))
                .recording("/rec/" + extension + "/consult.wav").indexedThrough(kafka);

        retrieve(extension, "2024-02-04 10:20:00", null).body("d", equalTo("/rec/" + extension + "/long.wav"));
        // Within both spans: both contain the time, and the nearer start wins.
        retrieve(extension, "2024-02-04 10:11:00", null).body("d", equalTo("/rec/" + extension + "/consult.wav"));
        // After both: the long call's end is not a start, and no call starts within the tolerance.
        retrieve(extension, "2024-02-04 10:31:30", null).body("d", equalTo(""));
    }

    @Test
    void thePhoneNumberBreaksATieComparedNormalized() {
        String extension = EndedCall.uniqueExtension();
        String first = EndedCall.uniqueTelAvivNumber();
        String second = EndedCall.uniqueTelAvivNumber();
        for (String customer : new String[] {first, second}) {
            EndedCall.of().extension(extension).customer(customer).startedAt("2024-02-02T08:00:00Z")
                    .lasting(Duration.ofMinutes(1)).recording("/rec/" + extension + "/" + customer + ".wav")
                    .indexedThrough(kafka);
        }

        retrieve(extension, "2024-02-02 10:00:30", "+972" + second.substring(1))
                .body("d", equalTo("/rec/" + extension + "/" + second + ".wav"));
        retrieve(extension, "2024-02-02 10:00:30", first)
                .body("d", equalTo("/rec/" + extension + "/" + first + ".wav"));
    }

    @Test
    void deletionProtectedTrueKeepsTheRecordingFromRetention() {
        String extension = EndedCall.uniqueExtension();
        String callId = EndedCall.of().extension(extension).startedAt("2024-02-03T08:00:00Z")
                .recording("/rec/" + extension + "/keep.wav").indexedThrough(kafka).callId();
        Api.getCall(ACME_KEY, callId).body("recordings[0].deletionProtected", is(false));
        searchByExtension(extension).body("calls[0].recordings[0].deletionProtected", is(false));

        as(ACME_KEY).queryParams(Map.of("sExtension", extension, "dtCallDateTime", "\"2024-02-03 10:01:00\"",
                        "bDeletionProtected", "true"))
                .when().get(PATH)
                .then().statusCode(200).body("d", equalTo("/rec/" + extension + "/keep.wav"));

        Api.getCall(ACME_KEY, callId).body("recordings[0].deletionProtected", is(true));
        // a page of calls reads the recordings kept on the call's row: they follow the protection too
        searchByExtension(extension).body("calls[0].recordings[0].deletionProtected", is(true));
    }

    private static ValidatableResponse searchByExtension(String extension) {
        return as(ACME_KEY).queryParam("extension", extension).when().get("/v1/calls").then().statusCode(200);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        Map<String, Map<String, String>> badQueries = Map.of(
                "dtCallDateTime", Map.of("sExtension", "34", "dtCallDateTime", "10/10/2011 18:52"),
                "sExtension", Map.of("dtCallDateTime", "2011-10-10 18:52:00"),
                "bDeletionProtected", Map.of("sExtension", "34", "dtCallDateTime", "2011-10-10 18:52:00",
                        "bDeletionProtected", "perhaps"),
                "format", Map.of("sExtension", "34", "dtCallDateTime", "2011-10-10 18:52:00", "format", "xml"));
        badQueries.forEach((field, query) -> as(ACME_KEY).queryParams(query).when().get(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)));
    }

    @Test
    void withoutAnApiKeyTheAnswerIs401() {
        given().urlEncodingEnabled(false).when().get(SAMPLE).then().statusCode(401);
    }

    private static ValidatableResponse retrieve(String extension, String localTime, String phone) {
        var request = as(ACME_KEY).queryParam("sExtension", extension).queryParam("dtCallDateTime", localTime);
        if (phone != null) {
            request.queryParam("sPhoneNumber", phone);
        }
        return request.when().get(PATH).then().statusCode(200).contentType("application/json");
    }
}
