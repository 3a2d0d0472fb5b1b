package io.callbridge.dispatch.request;

import io.callbridge.common.event.CallEvent;
import io.callbridge.dispatch.template.BodyFormat;
import io.callbridge.dispatch.template.CrmBodyTemplate;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * A POST of the endpoint's URL template with a body template: a form, JSON (JSON-RPC included) or XML (a SOAP
 * envelope), with the endpoint's fixed headers (a {@code SOAPAction}, say).
 */
public final class BodyTemplateRequest implements CrmRequestTemplate {

    private final CrmUrlTemplate url;
    private final CrmBodyTemplate body;
    private final BodyFormat format;
    private final Map<String, String> headers;

    public BodyTemplateRequest(CrmUrlTemplate url, CrmBodyTemplate body, BodyFormat format,
                               Map<String, String> headers) {
        this.url = url;
        this.body = body;
        this.format = format;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public Uni<CrmRequest> render(CallEvent event) {
        return url.render(event).chain(target -> body.render(event)
                .map(rendered -> CrmRequest.post(target, format.contentType(), rendered, headers)));
    }
}
