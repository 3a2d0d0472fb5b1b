package io.callbridge.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the local stack.
 *
 * @param root            the repository root, where each service's {@code target/quarkus-app} is
 * @param dataDirectory   where Kafka and PostgreSQL keep their data between runs; null for temporary data
 * @param logDirectory    where each service's output goes
 * @param kafkaPort       the broker's port, 0 for a free one
 * @param postgresPort    the database's port, 0 for a free one
 * @param servicePorts    each service's HTTP port (0 for a free one); missing ones take their default
 * @param tenantKeyHashes per tenant, the SHA-256 of its API key
 * @param crmUrlTemplate  the CRM URL crm-dispatch fills in for every call event (a Qute template)
 * @param pbxUrlTemplate  the PBX URL click2call fills in for every dial request (a Qute template)
 * @param defaultRegion   ISO 3166 region in which numbers without a country code are read
 * @param extraProperties more properties per service, overriding the launcher's
 * @param readyTimeout    how long all services together may take to be ready
 */
public record LocalStackOptions(
        Path root,
        Path dataDirectory,
        Path logDirectory,
        int kafkaPort,
        int postgresPort,
        Map<Service, Integer> servicePorts,
        Map<String, String> tenantKeyHashes,
        String crmUrlTemplate,
        String pbxUrlTemplate,
        String defaultRegion,
        Map<Service, Map<String, String>> extraProperties,
        Duration readyTimeout) {

    public LocalStackOptions {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(logDirectory, "logDirectory");
        Objects.requireNonNull(crmUrlTemplate, "crmUrlTemplate");
        Objects.requireNonNull(pbxUrlTemplate, "pbxUrlTemplate");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        servicePorts = Map.copyOf(servicePorts);
        tenantKeyHashes = Map.copyOf(tenantKeyHashes);
        extraProperties = Map.copyOf(extraProperties);
    }
}
