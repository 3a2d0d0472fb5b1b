package io.callbridge.dispatch.preset.fixdigital;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.request.CrmRequest;
import io.callbridge.dispatch.request.CrmRequestTemplate;
import io.callbridge.dispatch.request.Parameters;
import io.callbridge.dispatch.request.Preset;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * FixDigital CRM's {@code webservice.php} callbacks (004): {@code incomingCall} when a call rings,
 * {@code incomingCallAnswered} when it is answered, each a GET
 * {@code webservice.php?operation=incomingCall&sExt=777&sNumber=033004799&ClientId=10}. Delivered only when the
 * answer is {@code {"success":true,...}}. Setting: {@code clientId}.
 */
@ApplicationScoped
public class FixDigitalPreset implements Preset {

    private static final Map<CallEventKind, String> OPERATIONS = new EnumMap<>(Map.of(
            CallEventKind.CALL_OFFERED, "incomingCall",
            CallEventKind.CALL_ANSWERED, "incomingCallAnswered"));

    @Override
    public String name() {
        return "fixdigital";
    }

    @Override
    public Set<CallEventKind> kinds() {
        return OPERATIONS.keySet();
    }

    @Override
    public Optional<String> successBody() {
        return Optional.of("^\\s*\\{\\s*\"success\"\\s*:\\s*true\\b");
    }

    @Override
    public CrmRequestTemplate compile(CrmUrlTemplate url, Map<String, String> settings) {
        String clientId = Preset.required(settings, "clientId");
        return event -> url.render(event).map(base -> CrmRequest.get(parameters(event, clientId).appendTo(base)));
    }

    private static Parameters parameters(CallEvent event, String clientId) {
        return new Parameters()
                .add("operation", OPERATIONS.get(event.kind()))
                .add("sExt", event.parties().extension())
                .add("sNumber", event.parties().customer() == null ? null : event.parties().customer().raw())
                .add("ClientId", clientId);
    }
}
