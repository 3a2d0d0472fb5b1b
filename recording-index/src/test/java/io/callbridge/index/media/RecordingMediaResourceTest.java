package io.callbridge.index.media;

import io.callbridge.index.testing.Api;
import io.callbridge.index.testing.EndedCall;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.GLOBEX_KEY;
import static io.callbridge.index.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The test profile's storage root is target/test-recordings. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RecordingMediaResourceTest {

    private static final Path ROOT = Path.of("target/test-recordings");

    private static TestKafka kafka;

    @BeforeAll
    static void connect() throws IOException {
        kafka = new TestKafka();
        Files.createDirectories(ROOT);
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theWholeFileWithItsContentType() throws IOException {
        byte[] audio = audio(1000);
        long id = recordingAt(stored("whole.wav", audio));

        byte[] body = as(ACME_KEY).when().get("/v1/recordings/{id}/media", id)
                .then().statusCode(200)
                .contentType("audio/wav")
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", "1000")
                .extract().asByteArray();
        assertThat(body).isEqualTo(audio);
    }

    @Test
    void aRangeGivesThoseBytes() throws IOException {
        byte[] audio = audio(1000);
        long id = recordingAt(stored("ranged.mp3", audio));

        byte[] middle = as(ACME_KEY).header("Range", "bytes=100-199").when().get("/v1/recordings/{id}/media", id)
                .then().statusCode(206)
                .contentType("audio/mpeg")
                .header("Content-Range", "bytes 100-199/1000")
                .extract().asByteArray();
        assertThat(middle).isEqualTo(Arrays.copyOfRange(audio, 100, 200));

        byte[] tail = as(ACME_KEY).header("Range", "bytes=-10").when().get("/v1/recordings/{id}/media", id)
                .then().statusCode(206).header("Content-Range", "bytes 990-999/1000").extract().asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(audio, 990, 1000));

        as(ACME_KEY).header("Range", "bytes=1000-").when().get("/v1/recordings/{id}/media", id)
                .then().statusCode(416).header("Content-Range", "bytes */1000");
    }

    @Test
    void anotherTenantsRecordingIsNotFound() throws IOException {
        long id = recordingAt(stored("private.wav", audio(10)));
        as(GLOBEX_KEY).when().get("/v1/recordings/{id}/media", id).then().statusCode(404);
    }

    @Test
    void noLocationEscapesTheStorageRoot() throws IOException {
        Path outside = Files.createTempFile("outside-storage", ".wav");
        Files.write(outside, audio(10));
        Path link = ROOT.resolve("link-" + EndedCall.uniqueExtension() + ".wav");
        Files.createSymbolicLink(link, outside.toAbsolutePath());

        for (String location : new String[] {"../../pom.xml", "/../pom.xml", outside.toString(),
                "/" + link.getFileName()}) {
            long id = recordingAt(location);
            as(ACME_KEY).when().get("/v1/recordings/{id}/media", id)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void aMalformedIdIsABadRequestNamingIt() {
        as(ACME_KEY).when().get("/v1/recordings/{id}/media", "abc")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    /** Writes the file under the root, under a name no other test uses; returns its location as a PBX would. */
    private static String stored(String name, byte[] content) throws IOException {
        String unique = EndedCall.uniqueExtension() + "-" + name;
        Files.write(ROOT.resolve(unique), content);
        return "/" + unique;
    }

    /** Indexes a call with a recording at the location; returns the recording's id. */
    private static long recordingAt(String location) {
        String callId = EndedCall.of().recording(location).indexedThrough(kafka).callId();
        return Api.getCall(ACME_KEY, callId).extract().jsonPath().getLong("recordings[0].id");
    }

    private static byte[] audio(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
