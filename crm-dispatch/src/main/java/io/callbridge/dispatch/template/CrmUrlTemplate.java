package io.callbridge.dispatch.template;

import io.callbridge.common.event.CallEvent;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** A CRM's URL as a template over the call event, checked when it was compiled ({@link CrmUrlTemplates}). */
public final class CrmUrlTemplate {

    private final Template template;
    private final String sampleHost;

    CrmUrlTemplate(Template template, String sampleHost) {
        this.template = template;
        this.sampleHost = sampleHost;
    }

    /** The host of the URL rendered for the sample event: the CRM's host, unless the template makes it per event. */
    public String sampleHost() {
        return sampleHost;
    }

    /** The URL for this event: every value URL-encoded, a missing one empty. */
    public Uni<String> render(CallEvent event) {
        return template.data(event).createUni();
    }
}
