package io.callbridge.common.event;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidatorFactory;

import java.lang.annotation.ElementType;

/**
 * The validator for events read from Kafka. An event is a plain record, never a JPA entity: every property is
 * reachable, so nothing is asked or cached per property of each event. The default resolver asks Hibernate ORM,
 * where it is present, whether each property is loaded: a fifth of recording-index's consumer CPU and a sixth of
 * crm-dispatch's in their profiles.
 */
public final class EventValidation {

    private EventValidation() {
    }

    /** @param validators the application's factory (Hibernate Validator's, as Quarkus provides it) */
    public static Validator validator(ValidatorFactory validators) {
        return validators.unwrap(HibernateValidatorFactory.class).usingContext()
                .traversableResolver(new EveryPropertyReachable())
                .enableTraversableResolverResultCache(false)
                .getValidator();
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
}
