package io.callbridge.click2call.call;

import io.callbridge.click2call.audit.DialRequestPublisher;
import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.click2call.pbx.PbxReplies;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.ProblemException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Places one call: the request is stored (or found to repeat an earlier one) and goes on Kafka, then to the PBX,
 * then its outcome is stored and goes on Kafka. Started with the application, so that a PBX dialer that cannot be
 * built (a broken URL template, a tenant without its PBX settings) stops it at once.
 */
@Startup
@ApplicationScoped
public class CallPlacer {

    private static final Logger LOG = Logger.getLogger(CallPlacer.class);

    private final DialAdmission admission;
    private final DialRequestPublisher publisher;
    private final TenantDialers dialers;
    private final CallConfig.Kafka kafka;

    public CallPlacer(DialAdmission admission, DialRequestPublisher publisher, TenantDialers dialers,
                      CallConfig config) {
        this.admission = admission;
        this.publisher = publisher;
        this.dialers = dialers;
        this.kafka = config.kafka();
    }

    /**
     * @param call a new request, status REQUESTED, with its agent as the PBX knows it
     * @return the request as the PBX left it: DIALING, or FAILED with the reason; or, when the click repeats an
     *         earlier one within the dedupe window, that earlier request as it stands (not dialed again)
     *         (a failure with a 503 {@link ProblemException} when Kafka did not take the request; the PBX was not called)
     */
    public Uni<DialRequest> place(PbxCall call) {
        return admission.admit(call).chain(admitted -> admitted.fresh()
                ? dial(call)
                : Uni.createFrom().item(admitted.record().toDialRequest()));
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

    private Uni<DialRequest> dial(PbxCall call) {
        DialRequest requested = call.request();
        return recorded(requested)
                .chain(() -> dialers.dial(call))
                .chain(answer -> {
                    DialRequest outcome = answer.applyTo(requested, Instant.now());
                    return settle(outcome, answer).call(() -> recordOutcome(outcome)).replaceWith(outcome);
                });
    }

    private Uni<Void> recorded(DialRequest requested) {
        return publisher.publish(requested)
                .ifNoItem().after(kafka.ackTimeout()).fail()
                .onFailure().call(failure -> {
                    LOG.warnf("Dial request %s not acknowledged by Kafka, the PBX is not called: %s",
                            requested.requestId(), failure.toString());
                    return admission.forget(requested.requestId())
                            .onFailure().invoke(lost -> LOG.errorf("Undialed request %s not removed: %s",
                                    requested.requestId(), lost.toString()))
                            .onFailure().recoverWithNull();
                })
                .onFailure().transform(failure -> ProblemException.unavailable(
                        "Kafka did not acknowledge the dial request within " + kafka.ackTimeout().toMillis()
                                + " ms; the call was not placed", Math.toIntExact(kafka.retryAfter().toSeconds())));
    }

    /** The PBX has dialed or refused: a failure to store that must not make the CRM ask for the same call again. */
    private Uni<Void> settle(DialRequest outcome, DialOutcome answer) {
        return admission.settle(outcome, answer)
                .onFailure().invoke(failure -> LOG.errorf("Outcome %s of dial request %s not stored: %s",
                        outcome.status(), outcome.requestId(), failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Likewise for the outcome's record on Kafka. */
    private Uni<Void> recordOutcome(DialRequest outcome) {
        return publisher.publish(outcome)
                .ifNoItem().after(kafka.ackTimeout()).fail()
                .onFailure().invoke(failure -> LOG.errorf("Outcome %s of dial request %s not recorded on Kafka: %s",
                        outcome.status(), outcome.requestId(), failure.toString()))
                .onFailure().recoverWithNull();
    }
}
