package io.callbridge.click2call.status;

import io.callbridge.click2call.audit.DialAudit;
import io.callbridge.click2call.call.DialRecord;
import io.callbridge.click2call.call.DialRecords;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Follows each dial request through the PBX's own notifications of its call ({@code callbridge.call-events}): an
 * answer makes it ANSWERED, the end ENDED (or FAILED when nobody answered). An event is matched by the PBX's call id
 * when the PBX named one on dialing, else by tenant and number to the newest open request dialed shortly before;
 * that match then claims the call id for the call's later events. Each change goes to
 * {@code callbridge.dial-requests} too, through the outbox record written in the transaction that stores it.
 */
@ApplicationScoped
public class CallEventCorrelator {

    private static final Logger LOG = Logger.getLogger(CallEventCorrelator.class);

    private final DialRecords records;
    private final DialAudit audit;
    private final StatusConfig config;

    public CallEventCorrelator(DialRecords records, DialAudit audit, StatusConfig config) {
        this.records = records;
        this.audit = audit;
        this.config = config;
    }

    @Incoming("call-events")
    public Uni<Void> consume(CallEvent event) {
        DialStatus next = statusAfter(event);
        if (next == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> apply(event, next))
                // a database blip must not lose the status: the event is applied again, and applying is idempotent
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .onFailure().invoke(failure -> LOG.errorf("Call event %s not applied to its dial request: %s",
                        event.eventId(), failure.toString()))
                .chain(changed -> changed == null ? Uni.createFrom().voidItem() : audit(changed));
    }

    /**
     * A status the event set.
     *
     * @param request     the request as the event left it
     * @param traceparent the trace of the CRM's request, carried on the audit record
     * @param auditId     the status's record in the outbox, written in the transaction that stored it
     */
    public record Changed(DialRequest request, String traceparent, Long auditId) {

        Changed withAudit(Long id) {
            return new Changed(request, traceparent, id);
        }
    }

    /** The status and its outbox record are stored: the outbox gets it to Kafka, now or later. */
    private Uni<Void> audit(Changed changed) {
        audit.publish(changed.auditId(), changed.request(), changed.traceparent());
        return Uni.createFrom().voidItem();
    }

    /** What the event makes of an outbound dial request, or null when it says nothing about one. */
    private static DialStatus statusAfter(CallEvent event) {
        if (event.call().direction() == Direction.INBOUND) {
            return null;
        }
        if (event.kind() == CallEventKind.CALL_ANSWERED) {
            return DialStatus.ANSWERED;
        }
        if (event.kind() != CallEventKind.CALL_ENDED) {
            return null;
        }
        Outcome outcome = event.call().outcome();
        boolean talked = outcome == Outcome.ANSWERED || (outcome == null && event.times().answeredAt() != null);
        return talked ? DialStatus.ENDED : DialStatus.FAILED;
    }

    /** @return the request as the event left it, or null when the event matched none or changed nothing */
    @WithTransaction
    public Uni<Changed> apply(CallEvent event, DialStatus next) {
        String tenant = event.tenant().value();
        return records.byPbxCallId(tenant, event.callId())
                .onItem().ifNull().switchTo(() -> byNumber(event))
                .map(record -> record == null ? null : advance(record, event, next))
                .chain(changed -> changed == null ? Uni.createFrom().nullItem()
                        : records.getSession().chain(session -> session.createNativeQuery("""
                                        INSERT INTO dial_audit (request_id, status, reason, occurred_at)
                                        VALUES (:requestId, :status, CAST(:reason AS text), :occurredAt)
                                        RETURNING id""", Long.class)
                                .setParameter("requestId", changed.request().requestId())
                                .setParameter("status", changed.request().status().name())
                                .setParameter("reason", changed.request().reason())
                                .setParameter("occurredAt", changed.request().occurredAt())
                                .getSingleResult())
                        .map(changed::withAudit));
    }

    private Uni<DialRecord> byNumber(CallEvent event) {
        if (event.parties().customer() == null || event.parties().customer().e164() == null) {
            return Uni.createFrom().nullItem();
        }
        Instant at = event.times().startedAt() != null ? event.times().startedAt() : event.times().occurredAt();
        Duration window = config.correlationWindow();
        return records.newestOpenTo(event.tenant().value(), event.parties().customer().e164(), at.minus(window),
                at.plus(Duration.ofMinutes(1)));
    }

    private static Changed advance(DialRecord record, CallEvent event, DialStatus next) {
        record.pbxCallId = event.callId();
        if (!moves(record.status, next)) {
            return null;
        }
        record.status = next;
        record.reason = next == DialStatus.FAILED ? "The call was not answered: "
                + (event.call().outcome() == null ? "it ended unanswered" : event.call().outcome()) : null;
        record.updatedAt = event.times().occurredAt();
        LOG.debugf("Dial request %s is %s after call event %s", record.requestId, next, event.eventId());
        return new Changed(record.toDialRequest(), record.traceparent, null);
    }

    /** Statuses only move forward: a late or redelivered event never takes a request back. */
    private static boolean moves(DialStatus current, DialStatus next) {
        return switch (current) {
            case REQUESTED, DIALING -> true;
            case ANSWERED -> next == DialStatus.ENDED;
            case FAILED, ENDED -> false;
        };
    }
}
