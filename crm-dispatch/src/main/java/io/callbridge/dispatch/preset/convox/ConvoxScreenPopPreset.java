package io.callbridge.dispatch.preset.convox;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.dispatch.request.CrmRequest;
import io.callbridge.dispatch.request.CrmRequestTemplate;
import io.callbridge.dispatch.request.Parameters;
import io.callbridge.dispatch.request.Preset;
import io.callbridge.dispatch.request.PresetSettingException;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * ConVox CCS's screen pop to an external CRM (001), when a call reaches the agent: the 7 parameters, as a form POST
 * ({@code AgentID, CallerID, CallReferenceID, DID, ConvoxID, Process, TypeOfCall}, the default) or as a GET with the
 * names of the document's GET sample ({@code Agent_ID, Caller_Id, ...}). Setting: {@code method} (POST or GET).
 */
@ApplicationScoped
public class ConvoxScreenPopPreset implements Preset {

    private static final Map<Direction, String> TYPES_OF_CALL = new EnumMap<>(Map.of(
            Direction.INBOUND, "Inbound call",
            Direction.OUTBOUND, "Outbound call",
            Direction.INTERNAL, "Internal call"));

    @Override
    public String name() {
        return "convox-screen-pop";
    }

    @Override
    public Set<CallEventKind> kinds() {
        return Set.of(CallEventKind.CALL_OFFERED);
    }

    @Override
    public CrmRequestTemplate compile(CrmUrlTemplate url, Map<String, String> settings) {
        String method = settings.getOrDefault("method", "POST");
        return switch (method) {
            case "POST" -> event -> url.render(event)
                    .map(target -> CrmRequest.post(target, CrmRequest.FORM, parameters(event, "AgentID", "CallerID").form()));
            case "GET" -> event -> url.render(event)
                    .map(target -> CrmRequest.get(parameters(event, "Agent_ID", "Caller_Id").appendTo(target)));
            default -> throw new PresetSettingException("method", "must be POST or GET, not '" + method + "'");
        };
    }

    private static Parameters parameters(CallEvent event, String agentName, String callerName) {
        String agent = event.parties().agentId() != null ? event.parties().agentId() : event.parties().extension();
        // ConVox's lead id is its ConvoxID ("LEAD ID (CONVOXID)"); without one the call's own id stands for it.
        String convoxId = event.context().leadId() != null ? event.context().leadId() : event.callId();
        return new Parameters()
                .add(agentName, agent)
                .add(callerName, event.parties().customer() == null ? null : event.parties().customer().raw())
                .add("CallReferenceID", event.context().callReferenceId())
                .add("DID", event.parties().did() == null ? null : event.parties().did().raw())
                .add("ConvoxID", convoxId)
                .add("Process", event.context().process())
                .add("TypeOfCall", event.call().direction() == null ? null : TYPES_OF_CALL.get(event.call().direction()));
    }
}
