package io.callbridge.dispatch.request;

import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.template.CrmUrlTemplate;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request shape a user picks by name, matching one vendor's document. Each is one bean; the endpoint's
 * {@code preset} names it.
 */
public interface Preset {

    /** The name an endpoint definition gives in {@code preset}. */
    String name();

    /** The kinds of event it sends something for; an endpoint may want fewer. */
    Set<CallEventKind> kinds();

    /** What the body of a 2xx answer must contain, when the vendor's document says it. */
    default Optional<String> successBody() {
        return Optional.empty();
    }

    /**
     * @param url      the endpoint's URL template: where requests go (for some presets the CRM's base URL)
     * @param settings the preset's own settings
     * @throws PresetSettingException naming a setting that is missing or invalid
     */
    CrmRequestTemplate compile(CrmUrlTemplate url, Map<String, String> settings);

    /** A request to make once, when an endpoint with this preset is created. */
    default Optional<CrmRequest> onCreation(String url, Map<String, String> settings) {
        return Optional.empty();
    }

    /** A setting the preset needs. */
    static String required(Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new PresetSettingException(name, "is required");
        }
        return value;
    }
}
