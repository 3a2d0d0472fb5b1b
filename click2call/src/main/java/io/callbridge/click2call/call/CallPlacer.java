package io.callbridge.click2call.call;

import io.callbridge.click2call.audit.DialRequestPublisher;
import io.callbridge.click2call.pbx.PbxDialer;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.problem.ProblemException;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Places one call: the request goes on Kafka first, then to the PBX, then its outcome goes on Kafka. Started with
 * the application, so that a PBX dialer that cannot be built (a broken URL template) stops it at once.
 */
@Startup
@ApplicationScoped
public class CallPlacer {

    private static final Logger LOG = Logger.getLogger(CallPlacer.class);

    private final DialRequestPublisher publisher;
    private final PbxDialer dialer;
    private final CallConfig.Kafka kafka;

    public CallPlacer(DialRequestPublisher publisher, Instance<PbxDialer> dialers, CallConfig config) {
        this.publisher = publisher;
        this.dialer = dialers.get();
        this.kafka = config.kafka();
    }

    /**
     * @param requested a new request, status REQUESTED
     * @return the request as the PBX left it: DIALING, or FAILED with the reason
     *         (a failure with a 503 {@link ProblemException} when Kafka did not take the request; the PBX was not called)
     */
    public Uni<DialRequest> place(DialRequest requested) {
        return recorded(requested)
                .chain(() -> dialer.dial(requested))
                .map(outcome -> outcome.applyTo(requested, Instant.now()))
                .call(this::recordOutcome);
    }

    private Uni<Void> recorded(DialRequest requested) {
        return publisher.publish(requested)
                .ifNoItem().after(kafka.ackTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("Dial request %s not acknowledged by Kafka, the PBX is not called: %s",
                            requested.requestId(), failure.toString());
                    return ProblemException.unavailable("Kafka did not acknowledge the dial request within "
                            + kafka.ackTimeout().toMillis() + " ms; the call was not placed",
                            Math.toIntExact(kafka.retryAfter().toSeconds()));
                });
    }

    /**
     * By now the PBX has dialed or refused: a lost outcome record must not turn into an error that makes the CRM
     * ask for the same call again.
     */
    private Uni<Void> recordOutcome(DialRequest outcome) {
        return publisher.publish(outcome)
                .ifNoItem().after(kafka.ackTimeout()).fail()
                .onFailure().invoke(failure -> LOG.errorf("Outcome %s of dial request %s not recorded on Kafka: %s",
                        outcome.status(), outcome.requestId(), failure.toString()))
                .onFailure().recoverWithNull();
    }
}
