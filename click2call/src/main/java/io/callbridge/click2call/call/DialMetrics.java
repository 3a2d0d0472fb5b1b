package io.callbridge.click2call.call;

import io.callbridge.click2call.outage.Outages;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code callbridge_click2call_dial_requests_total{tenant, outcome}}: every click that reached the placer, by what
 * became of it: {@code dialing} (the PBX took it), {@code failed} (the PBX refused, failed or was silent),
 * {@code repeated} (a double click, not dialed again), {@code rate_limited}, {@code unavailable} (the database could
 * not be reached) or {@code error}; and {@code outcome_unknown}: a request left REQUESTED by a service that stopped
 * during its PBX call, given up later ({@link UnknownOutcomes}).
 */
@ApplicationScoped
public class DialMetrics {

    static final String NAME = "callbridge.click2call.dial.requests";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DialMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void dialed(DialRequest outcome) {
        count(outcome.tenant().value(), outcome.status() == DialRequest.DialStatus.FAILED ? "failed" : "dialing");
    }

    void repeated(DialRequest earlier) {
        count(earlier.tenant().value(), "repeated");
    }

    void outcomeUnknown(DialRequest givenUp) {
        count(givenUp.tenant().value(), "outcome_unknown");
    }

    void refused(PbxCall call, Throwable failure) {
        String outcome;
        if (failure instanceof ProblemException problem && problem.problem().status() == 429) {
            outcome = "rate_limited";
        } else if (Outages.isUnreachable(failure)) {
            outcome = "unavailable";
        } else {
            outcome = "error";
        }
        count(call.request().tenant().value(), outcome);
    }

    private void count(String tenant, String outcome) {
        // registered once per tenant and outcome: a look-up by the meter's id on every click costs more than the count
        counters.computeIfAbsent(tenant + '\n' + outcome, key -> Counter.builder(NAME)
                .description("Dial requests by what became of them")
                .tag("tenant", tenant.toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry))
                .increment();
    }
}
