package io.callbridge.dispatch.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.callbridge.dispatch.delivery.CrmClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What the CRM stub received. */
public final class CrmRequests {

    private final WireMockServer crm;

    public CrmRequests(WireMockServer crm) {
        this.crm = crm;
    }

    /** Every request the stub received, whatever test sent it. */
    public List<LoggedRequest> all() {
        return crm.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
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

    /** The requests of one call, by the {@code call} parameter of the test's URL template. */
    public List<LoggedRequest> ofCall(String callId) {
        return all().stream()
                .filter(request -> request.queryParameter("call").isPresent()
                        && callId.equals(request.queryParameter("call").firstValue()))
                .toList();
    }
}
