package io.callbridge.dispatch.preset.recall;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.request.CrmRequest;
import io.callbridge.dispatch.request.CrmRequestTemplate;
import io.callbridge.dispatch.request.Parameters;
import io.callbridge.dispatch.request.Preset;
import io.callbridge.dispatch.request.PresetSettingException;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/**
 * Recall's "integration by URL" (000): after each call, a GET of the CRM's URL with the call's details,
 * {@code ?number=...&agent=...&date=yyyy-MM-dd&time=HH:mm:ss&duration=...&audiofile=...}. The document's example is
 * malformed ({@code date&time=[date & time]&]}); read as the fields it names, date and time are two parameters, in
 * the PBX's local time. Settings: {@code zone} (default UTC).
 */
@ApplicationScoped
public class RecallUrlPushPreset implements Preset {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Override
    public String name() {
        return "recall-url-push";
    }

    @Override
    public Set<CallEventKind> kinds() {
        return Set.of(CallEventKind.CALL_ENDED);
    }

    @Override
    public CrmRequestTemplate compile(CrmUrlTemplate url, Map<String, String> settings) {
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.getOrDefault("zone", "UTC"));
        } catch (DateTimeException e) {
            throw new PresetSettingException("zone", "is no time zone (such as Asia/Jerusalem): " + e.getMessage());
        }
        return event -> url.render(event).map(base -> CrmRequest.get(parameters(event, zone).appendTo(base)));
    }

    private static Parameters parameters(CallEvent event, ZoneId zone) {
        Instant started = event.times().startedAt() != null ? event.times().startedAt() : event.times().occurredAt();
        Integer duration = event.durations().talk() != null ? event.durations().talk() : event.durations().total();
        return new Parameters()
                .add("number", event.parties().customer() == null ? null : event.parties().customer().raw())
                .add("agent", event.parties().extension())
                .add("date", DATE.format(started.atZone(zone)))
                .add("time", TIME.format(started.atZone(zone)))
                .add("duration", duration)
                .add("audiofile", event.recording() == null ? null : event.recording().location());
    }
}
