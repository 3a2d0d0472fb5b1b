package io.callbridge.dispatch.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.dispatch.delivery.CrmClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What the CRM stub received. */
public final class CrmRequests {

    private final WireMockServer crm;

    public CrmRequests(WireMockServer crm) {
        this.crm = crm;
    }

    /** Every request the stub received, whatever test sent it, in the order they arrived. */
    public List<LoggedRequest> all() {
        // WireMock lists the newest first.
        List<LoggedRequest> requests = new ArrayList<>(
                crm.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        Collections.reverse(requests);
        return requests;
    }

    /** The requests carrying the event's id, once at least {@code count} arrived. */
    public List<LoggedRequest> awaitFor(UUID eventId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> of(eventId).size() >= count);
        return of(eventId);
    }

    public List<LoggedRequest> of(UUID eventId) {
        return all().stream().filter(request -> eventId.toString().equals(request.getHeader(CrmClient.EVENT_ID)))
                .toList();
    }

    /** The requests to one path (one endpoint) carrying the event's id. */
    public List<LoggedRequest> of(String path, UUID eventId) {
        return of(eventId).stream()
                .filter(request -> request.getUrl().equals(path) || request.getUrl().startsWith(path + "?"))
                .toList();
    }

    /** The requests to one path carrying the event's id, once at least {@code count} arrived. */
    public List<LoggedRequest> awaitFor(String path, UUID eventId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> of(path, eventId).size() >= count);
        return of(path, eventId);
    }

    /** Every request to one path (one endpoint), in the order they arrived. */
    public List<LoggedRequest> ofPath(String path) {
        return all().stream()
                .filter(request -> request.getUrl().equals(path) || request.getUrl().startsWith(path + "?"))
                .toList();
    }

    /** The requests of one call to the {@code crm} endpoint, by the {@code call} parameter of its URL template. */
    public List<LoggedRequest> ofCall(String callId) {
        return all().stream()
                .filter(request -> request.getUrl().startsWith(CrmStub.PATH + "?"))
                .filter(request -> request.queryParameter("call").isPresent()
                        && callId.equals(request.queryParameter("call").firstValue()))
                .toList();
    }
}
