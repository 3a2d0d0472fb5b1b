package io.callbridge.dispatch.request;

import io.callbridge.common.event.CallEvent;
import io.smallrye.mutiny.Uni;

/** How an endpoint's request is made from an event: a URL template, or a preset. */
public interface CrmRequestTemplate {

    /** The request for this event, rendered when it is about to be sent (a signature holds the time). */
    Uni<CrmRequest> render(CallEvent event);
}
