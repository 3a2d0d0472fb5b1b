package io.callbridge.dispatch.template;

import io.callbridge.common.event.CallEvent;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/** A request body as a template over the call event, checked when it was compiled ({@link CrmUrlTemplates}). */
public final class CrmBodyTemplate {

    private final Template template;

    CrmBodyTemplate(Template template) {
        this.template = template;
    }

    /** The body for this event: every value escaped for the body's format, a missing one empty. */
    public Uni<String> render(CallEvent event) {
        return template.data(event).createUni();
    }
}
