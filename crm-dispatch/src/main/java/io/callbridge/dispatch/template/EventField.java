package io.callbridge.dispatch.template;

import io.callbridge.common.event.CallEvent;
import io.quarkus.qute.Template;

/** A field of the call event named by its path ({@code call.direction}), checked when it was compiled. */
public final class EventField {

    private final String path;
    private final Template template;

    EventField(String path, Template template) {
        this.path = path;
        this.template = template;
    }

    public String path() {
        return path;
    }

    /** The field's value as text, empty when the event does not have it. */
    public String valueOf(CallEvent event) {
        // Only in-memory properties are resolved: rendering completes at once, without waiting on anything.
        return template.data(event).render();
    }
}
