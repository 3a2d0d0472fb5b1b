package io.callbridge.dispatch.delivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.kafka.CallEventDeserializer;
import io.callbridge.common.kafka.Topics;
import io.callbridge.dispatch.testing.CallEventsTopic;
import io.callbridge.dispatch.testing.CrmRequests;
import io.callbridge.dispatch.testing.CrmStub;
import io.callbridge.dispatch.testing.DeadLetters;
import io.callbridge.dispatch.testing.InjectCrmStub;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Delivery against a CRM that fails; the test profile allows 2 retries, 3 attempts of at most 1 s each. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(CrmStub.class)
class CrmDeliveryTest {

    private static CallEventsTopic topic;

    @InjectCrmStub
    WireMockServer crm;

    private CrmRequests requests;

    @BeforeAll
    static void connect() {
        topic = new CallEventsTopic();
    }

    @AfterAll
    static void disconnect() {
        topic.close();
    }

    @BeforeEach
    void readStub() {
        requests = new CrmRequests(crm);
    }

    @Test
    void aCrmAnswering500TwiceThen200GetsThreeAttemptsAndTheEventIsDelivered() {
        String callId = TestEvents.newCallId();
        answerInTurn(callId, serverError(), serverError(), ok());
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);
        CallEvent ended = TestEvents.event(callId, CallEventKind.CALL_ENDED);

        try (DeadLetters deadLetters = new DeadLetters()) {
            topic.send(offered);
            topic.send(ended);
            requests.awaitFor(ended.eventId(), 1);

            assertThat(requests.of(offered.eventId())).hasSize(3)
                    .allSatisfy(request -> assertThat(request.getHeader(CrmClient.WEBHOOK_ID))
                            .isEqualTo(offered.eventId().toString()));
            assertThat(deadLetters.all()).noneMatch(record -> offered.partitionKey().equals(record.key()));
        }
    }

    @Test
    void anAttemptWithoutAnAnswerInTimeIsRetried() {
        String callId = TestEvents.newCallId();
        answerInTurn(callId, ok().withFixedDelay(2_000), ok());
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);

        topic.send(offered);

        assertThat(requests.awaitFor(offered.eventId(), 2)).hasSize(2);
    }

    @Test
    void anEventNoAttemptDeliveredGoesToTheDeadLetterTopicAndTheNextIsStillDelivered() {
        String callId = TestEvents.newCallId();
        crm.stubFor(get(urlPathEqualTo(CrmStub.PATH)).withQueryParam("call", equalTo(callId))
                .withQueryParam("kind", equalTo("CALL_OFFERED"))
                .atPriority(1).willReturn(aResponse().withStatus(503)));
        CallEvent offered = TestEvents.event(callId, CallEventKind.CALL_OFFERED);
        CallEvent ended = TestEvents.event(callId, CallEventKind.CALL_ENDED);

        try (DeadLetters deadLetters = new DeadLetters()) {
            topic.send(offered);
            topic.send(ended);

            requests.awaitFor(ended.eventId(), 1);
            ConsumerRecord<String, byte[]> deadLetter =
                    deadLetters.awaitFirst(record -> offered.partitionKey().equals(record.key()));
            assertThat(new CallEventDeserializer().deserialize(Topics.CALL_EVENTS, deadLetter.value()))
                    .isEqualTo(offered);
            assertThat(DeadLetters.header(deadLetter, "dead-letter-reason"))
                    .contains(offered.eventId().toString(), "3 attempt(s)", "HTTP 503")
                    .doesNotContain(CrmStub.PATH, callId);
        }
        assertThat(requests.of(offered.eventId())).hasSize(3);
    }

    /** The CRM answers the call's requests with these responses, one after the other. */
    private void answerInTurn(String callId, ResponseDefinitionBuilder... responses) {
        String scenario = "call " + callId;
        for (int i = 0; i < responses.length; i++) {
            crm.stubFor(get(urlPathEqualTo(CrmStub.PATH)).withQueryParam("call", equalTo(callId))
                    .atPriority(1)
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answered " + i)
                    .willSetStateTo("answered " + (i + 1))
                    .willReturn(responses[i]));
        }
    }
}
