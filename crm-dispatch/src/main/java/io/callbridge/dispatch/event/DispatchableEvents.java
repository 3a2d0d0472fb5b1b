package io.callbridge.dispatch.event;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.EventValidation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import java.util.stream.Collectors;

/** Tells a call event that can be dispatched from a record that only looks like one. */
@ApplicationScoped
class DispatchableEvents {

    private final Validator validator;

    DispatchableEvents(ValidatorFactory validators) {
        this.validator = EventValidation.validator(validators);
    }

    /** @throws UndispatchableEventException naming what is wrong */
    void require(CallEvent event) {
        if (event == null) {
            throw new UndispatchableEventException("the record has no value");
        }
        if (event.schemaVersion() > CallEvent.SCHEMA_VERSION) {
            throw new UndispatchableEventException("schema version %d is newer than %d, the newest this service reads"
                    .formatted(event.schemaVersion(), CallEvent.SCHEMA_VERSION));
        }
        String violations = validator.validate(event).stream()
                .map(DispatchableEvents::describe)
                .sorted()
                .collect(Collectors.joining(", "));
        if (!violations.isEmpty()) {
            throw new UndispatchableEventException("invalid field(s): " + violations);
        }
    }

    private static String describe(ConstraintViolation<CallEvent> violation) {
        return violation.getPropertyPath() + " " + violation.getMessage();
    }
}
