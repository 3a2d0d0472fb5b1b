package io.callbridge.dispatch.preset.retailcrm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.kafka.EventJson;
import io.callbridge.dispatch.request.CrmRequest;
import io.callbridge.dispatch.request.CrmRequestTemplate;
import io.callbridge.dispatch.request.Parameters;
import io.callbridge.dispatch.request.Preset;
import io.callbridge.dispatch.request.PresetSettingException;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * retailCRM's telephony API v4 (003), against the CRM's base URL ({@code https://shop.retailcrm.ru}), authenticated
 * by the {@code X-API-KEY} header:
 * <ul>
 * <li>when the endpoint is created, {@code POST /api/v4/telephony/setting/{code}/edit} with {@code configuration}
 * naming click2call's makeCall and changeUserStatus URLs;</li>
 * <li>when a call rings, {@code POST /api/v4/telephony/call/event} ({@code event}: phone, in or out, the agent's
 * code): this pops the card;</li>
 * <li>when it ends, {@code POST /api/v4/telephony/calls/upload} ({@code calls}): missed when {@code is_lost} says so
 * (or the call's outcome), talked with its duration and recording link.</li>
 * </ul>
 * Each body is a form whose one value is JSON, as the API wants. Settings: {@code apiKey}, {@code clientId},
 * {@code code}, {@code makeCallUrl}, {@code changeUserStatusUrl}, {@code zone} (of the call dates; UTC by default).
 */
@ApplicationScoped
public class RetailCrmPreset implements Preset {

    static final String API_KEY_HEADER = "X-API-KEY";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Map<Direction, String> TYPES = new EnumMap<>(Map.of(
            Direction.INBOUND, "in", Direction.OUTBOUND, "out", Direction.INTERNAL, "in"));
    private static final Map<Outcome, String> RESULTS = new EnumMap<>(Map.of(
            Outcome.ANSWERED, "answered", Outcome.BUSY, "busy", Outcome.FAILED, "failed"));
    private static final String MISSED = "no answer";

    @Override
    public String name() {
        return "retailcrm-v4";
    }

    @Override
    public Set<CallEventKind> kinds() {
        return Set.of(CallEventKind.CALL_OFFERED, CallEventKind.CALL_ENDED);
    }

    @Override
    public Optional<String> successBody() {
        return Optional.of("\"success\"\\s*:\\s*true");
    }

    @Override
    public CrmRequestTemplate compile(CrmUrlTemplate url, Map<String, String> settings) {
        String apiKey = Preset.required(settings, "apiKey");
        String clientId = Preset.required(settings, "clientId");
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.getOrDefault("zone", "UTC"));
        } catch (DateTimeException e) {
            throw new PresetSettingException("zone", "is no time zone (such as Europe/Moscow): " + e.getMessage());
        }
        return event -> url.render(event).map(base -> event.kind() == CallEventKind.CALL_OFFERED
                ? post(base, "/api/v4/telephony/call/event", new Parameters().add("clientId", clientId)
                .add("event", json(callEvent(event))), apiKey)
                : post(base, "/api/v4/telephony/calls/upload", new Parameters().add("clientId", clientId)
                .add("calls", json(List.of(call(event, zone)))), apiKey));
    }

    @Override
    public Optional<CrmRequest> onCreation(String url, Map<String, String> settings) {
        String code = Preset.required(settings, "code");
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("code", code);
        configuration.put("clientId", Preset.required(settings, "clientId"));
        configuration.put("makeCallUrl", Preset.required(settings, "makeCallUrl"));
        configuration.put("changeUserStatusUrl", Preset.required(settings, "changeUserStatusUrl"));
        configuration.put("active", true);
        configuration.put("name", settings.getOrDefault("name", "Callbridge"));
        return Optional.of(post(url, "/api/v4/telephony/setting/" + Parameters.pathSegment(code) + "/edit",
                new Parameters().add("configuration", json(configuration)), Preset.required(settings, "apiKey")));
    }

    private static Map<String, Object> callEvent(CallEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("phone", phone(event));
        json.put("type", type(event));
        json.put("codes", event.parties().extension() == null ? List.of() : List.of(event.parties().extension()));
        json.put("callExternalId", event.callId());
        return json;
    }

    private static Map<String, Object> call(CallEvent event, ZoneId zone) {
        Instant started = event.times().startedAt() != null ? event.times().startedAt() : event.times().occurredAt();
        String result = result(event);
        boolean talked = "answered".equals(result);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", DATE_TIME.format(started.atZone(zone)));
        json.put("type", type(event));
        json.put("phone", phone(event));
        json.put("code", event.parties().extension());
        json.put("result", result);
        json.put("duration", talked && event.durations().talk() != null ? event.durations().talk() : 0);
        json.put("externalId", event.callId());
        if (talked && event.recording() != null && event.recording().location() != null) {
            json.put("recordUrl", event.recording().location());
        }
        return json;
    }

    /** UIS's {@code is_lost} when the event carries it; else the call's outcome. */
    private static String result(CallEvent event) {
        String isLost = event.raw().get("is_lost");
        if (isLost != null) {
            return Boolean.parseBoolean(isLost) || "1".equals(isLost) ? MISSED : "answered";
        }
        return event.call().outcome() == null ? MISSED : RESULTS.getOrDefault(event.call().outcome(), MISSED);
    }

    private static String type(CallEvent event) {
        return event.call().direction() == null ? "in" : TYPES.get(event.call().direction());
    }

    private static String phone(CallEvent event) {
        return event.parties().customer() == null ? null : event.parties().customer().raw();
    }

    private static CrmRequest post(String base, String path, Parameters form, String apiKey) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return CrmRequest.post(root + path, CrmRequest.FORM, form.form(), Map.of(API_KEY_HEADER, apiKey));
    }

    private static String json(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
