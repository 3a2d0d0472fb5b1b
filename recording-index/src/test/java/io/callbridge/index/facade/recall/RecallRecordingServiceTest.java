package io.callbridge.index.facade.recall;

import io.callbridge.index.testing.EndedCall;
import io.callbridge.index.testing.TestKafka;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.callbridge.index.testing.Api.ACME_KEY;
import static io.callbridge.index.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** RetrieveRecFile over SOAP; acme's zone is Asia/Jerusalem in the test profile (UTC+2 in February). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class RecallRecordingServiceTest {

    private static final String PATH = "/soap/Recording.asmx";

    private static TestKafka kafka;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka();
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void answersTheRecordingsFullPath() {
        String extension = EndedCall.uniqueExtension();
        EndedCall.of().extension(extension).startedAt("2024-02-10T08:00:00Z")
                .recording("/rec/" + extension + "/soap.wav").indexedThrough(kafka);

        String answer = soap(ACME_KEY, extension, "2024-02-10 10:01:00")
                .then().statusCode(200).contentType(containsString("text/xml"))
                .extract().asString();

        assertThat(XmlPath.from(answer).getString("Envelope.Body.RetrieveRecFileResponse.RetrieveRecFileResult"))
                .isEqualTo("/rec/" + extension + "/soap.wav");
    }

    @Test
    void noMatchIsAnEmptyString() {
        String answer = soap(ACME_KEY, EndedCall.uniqueExtension(), "2024-02-10 10:01:00")
                .then().statusCode(200).extract().asString();
        assertThat(XmlPath.from(answer).getString("Envelope.Body.RetrieveRecFileResponse.RetrieveRecFileResult"))
                .isEmpty();
    }

    @Test
    void aBadDateIsAClientFaultNamingIt() {
        String answer = soap(ACME_KEY, "34", "10/02/2024").then().statusCode(500).extract().asString();
        XmlPath fault = XmlPath.from(answer);
        assertThat(fault.getString("Envelope.Body.Fault.faultcode")).endsWith("Client");
        assertThat(fault.getString("Envelope.Body.Fault.faultstring")).contains("dtCallDateTime");
        assertThat(fault.getString("Envelope.Body.Fault.detail.problem.field")).isEqualTo("dtCallDateTime");
    }

    @Test
    void anUnknownKeyIsAClientFault() {
        String answer = soap("no-such-key", "34", "2024-02-10 10:01:00").then().statusCode(500).extract().asString();
        assertThat(XmlPath.from(answer).getString("Envelope.Body.Fault.detail.problem.status")).isEqualTo("401");
    }

    @Test
    void theCommittedWsdlIsPublished() {
        given().when().get(PATH + "?wsdl")
                .then().statusCode(200)
                .body(containsString("RetrieveRecFileResult"))
                .body(containsString("yyyy-MM-dd HH:mm:ss, in the PBX's time zone"));
    }

    private static io.restassured.response.Response soap(String apiKey, String extension, String time) {
        String envelope = """
                <?xml version="1.0" encoding="utf-8"?>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                  <soap:Body>
                    <RetrieveRecFile xmlns="http://tempuri.org/">
                      <sExtension>%s</sExtension>
                      <dtCallDateTime>%s</dtCallDateTime>
                      <bDeletionProtected>false</bDeletionProtected>
                    </RetrieveRecFile>
                  </soap:Body>
                </soap:Envelope>""".formatted(extension, time);
        return as(apiKey).contentType("text/xml; charset=utf-8").header("SOAPAction", "\"http://tempuri.org/RetrieveRecFile\"")
                .body(envelope).when().post(PATH);
    }
}
