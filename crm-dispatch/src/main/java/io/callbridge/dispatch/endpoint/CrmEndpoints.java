package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEvent;
import io.smallrye.mutiny.Uni;

import java.util.List;

/** Where call events go: one configured endpoint today, each tenant's endpoints from the database later. */
public interface CrmEndpoints {

    /** The endpoints that want the event; none is no error. */
    Uni<List<CrmEndpoint>> wanting(CallEvent event);
}
