package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.callbridge.dispatch.template.EventField;

/**
 * One condition on an event: the field has exactly this value.
 *
 * @param field the field, checked against the event's properties when the endpoint was defined
 * @param value the value it must have
 */
public record FieldFilter(EventField field, String value) {

    public boolean matches(CallEvent event) {
        return value.equals(field.valueOf(event));
    }
}
