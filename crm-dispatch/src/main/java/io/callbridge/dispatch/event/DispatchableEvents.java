package io.callbridge.dispatch.event;

import io.callbridge.common.event.CallEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidatorFactory;

import java.lang.annotation.ElementType;
import java.util.stream.Collectors;

/** Tells a call event that can be dispatched from a record that only looks like one. */
@ApplicationScoped
class DispatchableEvents {

    private final Validator validator;

    DispatchableEvents(ValidatorFactory validators) {
        // An event is a plain record, never a JPA entity: every property is reachable, with nothing to ask or cache
        // for each property of each event (10 of 60 samples of a profile of the warm service were validating events).
        // recording-index's CallEventAdmission does the same.
        this.validator = validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .traversableResolver(new EveryPropertyReachable())
                .enableTraversableResolverResultCache(false)
                .getValidator();
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

    private static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path pathToProperty,
                                   ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path pathToProperty,
                                    ElementType elementType) {
            return true;
        }
    }

    private static String describe(ConstraintViolation<CallEvent> violation) {
        return violation.getPropertyPath() + " " + violation.getMessage();
    }
}
