package io.callbridge.dispatch.template;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.CallParties;
import io.callbridge.dispatch.testing.TestEvents;
import io.callbridge.dispatch.testing.DispatchTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The templates are compiled by the service's own Qute engine, exactly as the configured one is at startup. */
@QuarkusTest
class CrmUrlTemplatesTest extends DispatchTest {

    @Inject
    CrmUrlTemplates templates;

    @Test
    void aPlaceholderThatNamesNoFieldOfTheEventIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> templates.compile("http://crm.example/pop?number={parties.custmer.raw}"))
                .withMessageContaining("custmer");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> templates.compile("http://crm.example/pop?call={callid}"))
                .withMessageContaining("callid");
    }

    @Test
    void aTemplateThatRendersNoAbsoluteHttpUrlIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> templates.compile("crm.example/pop?call={callId}"));
        assertThatIllegalArgumentException().isThrownBy(() -> templates.compile("ftp://crm.example/{callId}"));
        assertThatIllegalArgumentException().isThrownBy(() -> templates.compile("http://crm.example/pop?call={callId"));
    }

    @Test
    void valuesArePercentEncodedInPathAndQuery() {
        CallEvent event = TestEvents.event("call 1/2?x=y&z", CallEventKind.CALL_OFFERED);

        assertThat(render("https://crm.example/calls/{callId}?call={callId}&kind={kind}&e164={parties.customer.e164}",
                event)).isEqualTo("https://crm.example/calls/call%201%2F2%3Fx%3Dy%26z?call=call%201%2F2%3Fx%3Dy%26z"
                + "&kind=CALL_OFFERED&e164=%2B97233004799");
    }

    @Test
    void aMissingValueRendersEmpty() {
        CallEvent event = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED, CallParties.NONE);

        assertThat(render("http://crm.example/pop?number={parties.customer.raw}&ext={parties.extension}"
                + "&lead={context.leadId}&file={recording.fileName}&agent={parties.agentId or 'nobody'}", event))
                .isEqualTo("http://crm.example/pop?number=&ext=&lead=&file=&agent=nobody");
    }

    @Test
    void theVendorsOwnFieldsAreThereByTheirNames() {
        CallEvent event = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);

        assertThat(render("http://crm.example/pop?op={raw.operation}&ext={raw.sExt}&absent={raw.LEAD_ID}"
                + "&lead={raw.get('LEAD ID')}", event))
                .isEqualTo("http://crm.example/pop?op=incomingCall&ext=777&absent=&lead=");
    }

    @Test
    void theCustomersNumberAsReceivedIsTheNumberNotTheWholePhoneNumber() {
        CallEvent event = TestEvents.event(TestEvents.newCallId(), CallEventKind.CALL_OFFERED);

        assertThat(render("http://crm.example/pop?number={parties.customer.raw}&tenant={tenant}&src={source.system}",
                event)).isEqualTo("http://crm.example/pop?number=033004799&tenant=acme&src=FIXDIGITAL");
    }

    private String render(String template, CallEvent event) {
        return templates.compile(template).render(event).await().atMost(Duration.ofSeconds(5));
    }
}
