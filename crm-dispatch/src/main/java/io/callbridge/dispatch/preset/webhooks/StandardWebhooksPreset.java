package io.callbridge.dispatch.preset.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.kafka.EventJson;
import io.callbridge.dispatch.request.CrmRequest;
import io.callbridge.dispatch.request.CrmRequestTemplate;
import io.callbridge.dispatch.request.Preset;
import io.callbridge.dispatch.request.PresetSettingException;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A generic JSON webhook signed per the Standard Webhooks specification: a POST of
 * {@code {"type":"call.offered","timestamp":...,"data":<the call event>}} with {@code webhook-id} (the event id),
 * {@code webhook-timestamp} (seconds since the epoch, at sending) and {@code webhook-signature}: {@code v1,<base64
 * HMAC-SHA256 of id.timestamp.body>}, one per secret, space separated, so that a receiver accepts it during a
 * rotation. Setting: {@code secrets}, comma separated, each {@code whsec_<base64 key>}.
 */
@ApplicationScoped
public class StandardWebhooksPreset implements Preset {

    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    private static final String SECRET_PREFIX = "whsec_";

    private final Clock clock = Clock.systemUTC();

    @Override
    public String name() {
        return "standard-webhooks";
    }

    @Override
    public Set<CallEventKind> kinds() {
        return EnumSet.allOf(CallEventKind.class);
    }

    @Override
    public CrmRequestTemplate compile(CrmUrlTemplate url, Map<String, String> settings) {
        List<byte[]> keys = keys(Preset.required(settings, "secrets"));
        return event -> url.render(event).map(target -> {
            String body = body(event);
            String id = event.eventId().toString();
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            String signatures = keys.stream().map(key -> "v1," + sign(key, id + "." + timestamp + "." + body))
                    .collect(Collectors.joining(" "));
            return CrmRequest.post(target, CrmRequest.JSON, body, Map.of(TIMESTAMP, timestamp, SIGNATURE, signatures));
        });
    }

    private static List<byte[]> keys(String secrets) {
        List<byte[]> keys = new ArrayList<>();
        for (String secret : secrets.split(",")) {
            String trimmed = secret.trim();
            if (!trimmed.startsWith(SECRET_PREFIX)) {
                throw new PresetSettingException("secrets", "each secret starts with 'whsec_'");
            }
            try {
                keys.add(Base64.getDecoder().decode(trimmed.substring(SECRET_PREFIX.length())));
            } catch (IllegalArgumentException e) {
                throw new PresetSettingException("secrets", "a secret is no base64 after 'whsec_'");
            }
        }
        return keys;
    }

    private static String body(CallEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        String kind = event.kind().name();
        payload.put("type", "call." + (kind.startsWith("CALL_") ? kind.substring("CALL_".length()) : kind)
                .toLowerCase(Locale.ROOT));
        payload.put("timestamp", event.times().occurredAt());
        payload.put("data", event);
        try {
            return EventJson.MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
