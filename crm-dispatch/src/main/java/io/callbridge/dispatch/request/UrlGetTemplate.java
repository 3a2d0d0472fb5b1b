package io.callbridge.dispatch.request;

import io.callbridge.common.event.CallEvent;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import io.smallrye.mutiny.Uni;

/** A GET of the endpoint's URL template, rendered against the event. */
public final class UrlGetTemplate implements CrmRequestTemplate {

    private final CrmUrlTemplate url;

    public UrlGetTemplate(CrmUrlTemplate url) {
        this.url = url;
    }

    @Override
    public Uni<CrmRequest> render(CallEvent event) {
        return url.render(event).map(CrmRequest::get);
    }
}
