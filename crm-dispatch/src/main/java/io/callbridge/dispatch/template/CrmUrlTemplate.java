package io.callbridge.dispatch.template;

import io.callbridge.common.event.CallEvent;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** A CRM's URL as a template over the call event, checked when it was compiled ({@link CrmUrlTemplates}). */
public final class CrmUrlTemplate {

    private final Template template;

    CrmUrlTemplate(Template template) {
        this.template = template;
    }

    /** The URL for this event: every value URL-encoded, a missing one empty. */
    public Uni<String> render(CallEvent event) {
        return template.data(event).createUni();
    }
}
