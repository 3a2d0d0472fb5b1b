package io.callbridge.dispatch.api;

import io.callbridge.dispatch.endpoint.EndpointDefinition;

/**
 * A tenant's endpoint as the API shows it.
 *
 * @param name           the tenant's name for it
 * @param definition     as it was defined
 * @param enabled        whether deliveries go out to it
 * @param disabledReason why not: a 410 from the CRM, too many failures in a row
 * @param failureStreak  failed attempts in a row
 */
public record EndpointView(String name, EndpointDefinition definition, boolean enabled, String disabledReason,
                           int failureStreak) {
}
