package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import io.callbridge.dispatch.template.CrmUrlTemplates;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/** The one CRM endpoint of {@link CrmEndpointConfig}, compiled at startup so that a bad template stops the service. */
@Startup
@Singleton
public class ConfiguredCrmEndpoint implements CrmEndpoints {

    private static final Logger LOG = Logger.getLogger(ConfiguredCrmEndpoint.class);

    static final String NAME = "crm";

    private final CrmEndpoint endpoint;

    ConfiguredCrmEndpoint(CrmEndpointConfig config, CrmUrlTemplates templates) {
        this.endpoint = new CrmEndpoint(NAME, compile(templates, config.urlTemplate()),
                config.kinds().orElseGet(() -> EnumSet.allOf(CallEventKind.class)), config.tenant(),
                config.timeout(), RetryPolicy.of(config.retry()));
        LOG.infof("CRM endpoint '%s' wants %s of %s, %d attempt(s) of at most %s each", NAME,
                new TreeSet<>(endpoint.kinds()),
                endpoint.tenant().map(tenant -> "tenant " + tenant).orElse("every tenant"),
                endpoint.retry().maxAttempts(), endpoint.timeout());
    }

    private static CrmUrlTemplate compile(CrmUrlTemplates templates, String urlTemplate) {
        try {
            return templates.compile(urlTemplate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callbridge.dispatch.crm.url-template: " + e.getMessage(), e);
        }
    }

    @Override
    public Uni<List<CrmEndpoint>> wanting(CallEvent event) {
        return Uni.createFrom().item(endpoint.wants(event) ? List.of(endpoint) : List.of());
    }
}
