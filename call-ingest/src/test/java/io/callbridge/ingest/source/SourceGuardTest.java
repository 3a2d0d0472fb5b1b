package io.callbridge.ingest.source;

import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.ingest.support.WireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(WireMockResource.class)
class SourceGuardTest {

    @Test
    void aRequestFromOutsideTheAllowedNetworksIs403EvenAtTheGenericRoute() {
        given().queryParam("operation", "incomingCall").queryParam("sExt", "1").queryParam("sNumber", "2")
                .when().get("/v1/sources/far-fixdigital/events")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("far-fixdigital"));
    }

    @Test
    void aBasicAuthenticationWithTheWrongPasswordIs401() {
        given().auth().preemptive().basic("convox", "guessed").formParam("ConvoxID", "c")
                .when().post("/v1/sources/convox-mumbai/events")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void networksAreMatchedByTheirPrefix() {
        Cidr network = Cidr.parse("199.203.227.0/24");
        assertThat(network.contains("199.203.227.132")).isTrue();
        assertThat(network.contains("199.203.228.1")).isFalse();
        assertThat(Cidr.parse("10.1.2.3").contains("10.1.2.3")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.127.255.255")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.128.0.0")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("199.203.227.132")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @Test
    void aHostNameIsNoNetwork() {
        assertThatThrownBy(() -> Cidr.parse("crm.example.com/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("/8")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPeerThatIsNoAddressLiteralIsInNoNetwork() {
        assertThat(Cidr.addressOf("localhost")).isNull();
        assertThat(Cidr.addressOf("")).isNull();
        assertThat(Cidr.addressOf(null)).isNull();
        assertThat(Cidr.parse("127.0.0.0/8").contains("localhost")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.addressOf("localhost"))).isFalse();
        assertThat(Cidr.parse("127.0.0.0/8").contains(Cidr.addressOf("127.0.0.1"))).isTrue();
    }
}
