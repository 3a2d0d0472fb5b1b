package io.callbridge.click2call.call;

import io.callbridge.click2call.audit.DialAudit;
import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.click2call.pbx.PbxReplies;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.click2call.trace.IncomingTrace;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.ProblemException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Places one call: the request is stored (or found to repeat an earlier one) in one statement, then the PBX is
 * asked, then its outcome is stored. Each status reaches {@code callbridge.dial-requests} through {@link DialAudit},
 * alongside the PBX call rather than before it. Started with the application, so that a PBX dialer that cannot be
 * built (a broken URL template, a tenant without its PBX settings) stops it at once.
 */
@Startup
@ApplicationScoped
public class CallPlacer {

    private static final Logger LOG = Logger.getLogger(CallPlacer.class);

    private final DialAdmission admission;
    private final DialAudit audit;
    private final TenantDialers dialers;
    private final DialMetrics metrics;

    public CallPlacer(DialAdmission admission, DialAudit audit, TenantDialers dialers, DialMetrics metrics) {
        this.admission = admission;
        this.audit = audit;
        this.dialers = dialers;
        this.metrics = metrics;
    }

    /**
     * @param call a new request, status REQUESTED, with its agent as the PBX knows it
     * @return the request as the PBX left it: DIALING, or FAILED with the reason; or, when the click repeats an
     *         earlier one within the dedupe window (or a request of the same id was stored before), that earlier
     *         request as it stands (not dialed again)
     */
    public Uni<DialRequest> place(PbxCall call) {
        String traceparent = IncomingTrace.current();
        return admission.admit(call, traceparent)
                .onFailure().invoke(failure -> metrics.refused(call, failure))
                .chain(admitted -> admitted.fresh()
                        ? dial(call, admitted.auditId(), traceparent)
                        : Uni.createFrom().item(admitted.record().toDialRequest()).invoke(metrics::repeated));
    }

    /**
     * {@link #place(PbxCall)}, with a request the PBX did not place (now or at the earlier click this one repeats)
     * turned into a 502 {@link ProblemException} naming the request and the PBX's reason.
     */
    public Uni<DialRequest> placeOrRefuse(PbxCall call) {
        return place(call).invoke(dialed -> {
            if (dialed.status() == DialRequest.DialStatus.FAILED) {
                throw PbxReplies.badGateway("The PBX did not place call request " + dialed.requestId() + ": "
                        + dialed.reason());
            }
        });
    }

    private Uni<DialRequest> dial(PbxCall call, long requestedAudit, String traceparent) {
        DialRequest requested = call.request();
        afterThisTask(() -> audit.publish(requestedAudit, requested, traceparent));
        return dialers.dial(call)
                .chain(answer -> {
                    DialRequest outcome = answer.applyTo(requested, Instant.now());
                    metrics.dialed(outcome);
                    return settle(outcome, answer, traceparent).replaceWith(outcome);
                });
    }

    /**
     * Runs the action once the current event-loop task is done, so that the PBX's originate, which this task starts,
     * does not wait for it; at once off the event loop.
     */
    private static void afterThisTask(Runnable action) {
        Context context = Vertx.currentContext();
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /**
     * The PBX has dialed or refused: a failure to store that is logged, not answered as 5xx, which would invite the CRM
     * to ask for the same call again.
     */
    private Uni<Void> settle(DialRequest outcome, DialOutcome answer, String traceparent) {
        return admission.settle(outcome, answer)
                .invoke(auditId -> {
                    if (auditId != null) {
                        audit.publish(auditId, outcome, traceparent);
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.errorf("Outcome %s of dial request %s not stored: %s",
                        outcome.status(), outcome.requestId(), failure.toString()))
                .onFailure().recoverWithNull();
    }
}
