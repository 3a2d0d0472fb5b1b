package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.smallrye.mutiny.Uni;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where call events go: the registry of CRM endpoints. */
public interface CrmEndpoints {

    /** The endpoints that want the event; none is no error. */
    Uni<List<CrmEndpoint>> wanting(CallEvent event);

    /** The endpoint of that name, if there still is one. */
    Optional<CrmEndpoint> named(String name);

    Collection<CrmEndpoint> all();
}
