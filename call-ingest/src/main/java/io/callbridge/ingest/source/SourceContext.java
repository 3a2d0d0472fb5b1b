package io.callbridge.ingest.source;

import io.callbridge.common.event.CallSource;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.ingest.IngestConfig;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A configured source as the adapters see it.
 *
 * @param name   the configured name, also the source instance of its events
 * @param tenant the owner of its calls
 * @param source system and instance, as written on every event
 * @param zone   the zone of the vendor's local times
 * @param region the region of numbers without a country code
 * @param config the whole configuration, for vendor-specific options
 */
public record SourceContext(String name, TenantId tenant, CallSource source, ZoneId zone, String region,
                            IngestConfig.Source config) {

    /** The vendor's name for a canonical role, from {@code fields.<role>}, else the adapter's default. */
    public String field(String role, String defaultName) {
        return Optional.ofNullable(config.fields().get(role)).orElse(defaultName);
    }

    public Map<String, String> fields() {
        return config.fields();
    }
}
