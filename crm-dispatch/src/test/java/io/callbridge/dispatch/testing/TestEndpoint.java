package io.callbridge.dispatch.testing;

import io.callbridge.common.tenant.TenantId;

import java.util.Map;

/** The CRM endpoints of the tests besides {@code crm}: each one takes the events of its own tenant only. */
public enum TestEndpoint {

    /** Attempts 300 ms and 600 ms apart, without jitter. */
    SPACED("spaced", Map.of("retry.schedule", "0s,300ms,600ms", "retry.jitter", "0")),
    /** Retries after 100 ms unless the CRM asks for longer. */
    POLITE("polite", Map.of("retry.schedule", "0s,100ms,100ms", "retry.jitter", "0")),
    /** Disabled by a 410. */
    GONE("gone", Map.of("retry.schedule", "0s,100ms", "retry.jitter", "0")),
    /** Delivered only when the body says so, as FixDigital's webservice.php does. */
    BODY_CHECKED("bodychecked", Map.of("success-body", "^\\{\"success\":true", "retry.schedule", "0s,100ms,100ms",
            "retry.jitter", "0")),
    /** A failed delivery is retried only after 30 s: long enough for the call's next one to stop waiting. */
    PATIENT("patient", Map.of("retry.schedule", "0s,30s", "retry.jitter", "0")),
    /** Never answers in time. */
    SLOW("slow", Map.of("timeout", "1s", "concurrency", "2", "retry.schedule", "0s,100ms,100ms,100ms",
            "retry.jitter", "0")),
    /** 30 attempts 10 ms apart: more than the test profile's 25 failures in a row that disable an endpoint. */
    STREAK("streak", Map.of("retry.schedule", "0s" + ",10ms".repeat(29), "retry.jitter", "0")),
    /** Wants the same events as {@link #SLOW}. */
    FAST("fast", Map.of());

    private final String name;
    private final Map<String, String> properties;

    TestEndpoint(String name, Map<String, String> properties) {
        this.name = name;
        this.properties = properties;
    }

    public String endpointName() {
        return name;
    }

    public String path() {
        return "/" + name;
    }

    /** The tenant whose events this endpoint wants. */
    public TenantId tenant() {
        return TenantId.of(this == SLOW || this == FAST ? "slowandfast" : name);
    }

    Map<String, String> properties() {
        return properties;
    }
}
