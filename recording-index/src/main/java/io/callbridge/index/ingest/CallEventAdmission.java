package io.callbridge.index.ingest;

import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.EventValidation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import java.util.stream.Collectors;

/** Lets in only the events this service understands: a known schema version, and valid fields. */
@ApplicationScoped
public class CallEventAdmission {

    private final Validator validator;

    public CallEventAdmission(ValidatorFactory validators) {
        this.validator = EventValidation.validator(validators);
    }

    /** @throws RejectedCallEvent naming what is wrong */
    public CallEvent admit(CallEvent event) {
        if (event == null) {
            throw new RejectedCallEvent("the record has no value");
        }
        if (event.schemaVersion() < 1 || event.schemaVersion() > CallEvent.SCHEMA_VERSION) {
            throw new RejectedCallEvent("schema version " + event.schemaVersion() + " is not one this service knows (1 to "
                    + CallEvent.SCHEMA_VERSION + ")");
        }
        String invalidFields = validator.validate(event).stream()
                .map(CallEventAdmission::describe)
                .distinct()
                .sorted()
                .collect(Collectors.joining("; "));
        if (!invalidFields.isEmpty()) {
            throw new RejectedCallEvent("invalid field(s) in event " + event.eventId() + ": " + invalidFields);
        }
        return event;
    }

    private static String describe(ConstraintViolation<CallEvent> violation) {
        return violation.getPropertyPath() + " " + violation.getMessage();
    }
}
