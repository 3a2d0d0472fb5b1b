package io.callbridge.index.call;

import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallEvent;
import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.CallParties;
import io.callbridge.common.event.CallTimes;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.common.phone.PhoneNumber;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.callbridge.index.call.Precedence.earliest;
import static io.callbridge.index.call.Precedence.latest;

/** One call as the index knows it: everything its events said so far, merged by {@link Precedence}. */
@Entity
@Table(name = "call")
public class IndexedCall {

    @EmbeddedId
    public CallKey key;

    @Enumerated(EnumType.STRING)
    public SourceSystem sourceSystem;
    public String sourceInstance;

    @Enumerated(EnumType.STRING)
    public Direction direction;
    @Enumerated(EnumType.STRING)
    public CallMode mode;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String completedBy;
    public String releaseCause;

    public String customerRaw;
    @Column(name = "customer_e164")
    public String customerE164;
    public String customerMatchKey;
    public String didRaw;
    @Column(name = "did_e164")
    public String didE164;
    /** What lookups by DID compare, as {@link #customerMatchKey} for the customer. Computed by the database. */
    @Column(insertable = false, updatable = false)
    public String didMatchKey;
    public String extension;
    public String agentId;
    public String employeeId;
    public String station;

    public Instant startedAt;
    public Instant answeredAt;
    public Instant endedAt;
    public Instant firstEventAt;
    public Instant lastEventAt;
    /** The vendor's start, else the first event: what lookups by time use. Computed by the database. */
    @Column(insertable = false, updatable = false)
    public Instant callTime;
    /** How many distinct events were applied; a redelivered event does not count. */
    public int eventCount;

    public Integer queueSeconds;
    public Integer ringSeconds;
    public Integer talkSeconds;
    public Integer totalSeconds;

    public String queueName;
    public String process;
    public String listId;
    public String leadId;
    public String callReferenceId;
    public String disposition;
    public String dialerDisposition;
    public Instant followUpAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> raw = new HashMap<>();

    /**
     * A call built by this code, not loaded by Hibernate: one the index does not have yet, to be filled by
     * {@link #absorb} from its first event on, or one read from a row ({@link CallRows}).
     */
    public static IndexedCall of(CallKey key) {
        IndexedCall call = Untracked.entity(new IndexedCall());
        call.key = key;
        return call;
    }

    /** The precedence of an event over what this call has stored; ask before {@link #absorb}. */
    public Precedence precedenceOf(CallEvent event) {
        return Precedence.of(event.times().occurredAt(), lastEventAt);
    }

    /** Merges one event into this call. */
    public void absorb(CallEvent event, Precedence precedence) {
        sourceSystem = precedence.merge(sourceSystem, event.source().system());
        sourceInstance = precedence.merge(sourceInstance, event.source().instance());
        absorbDetails(event.call(), precedence);
        absorbParties(event.parties(), precedence);
        absorbTimes(event.times());
        absorbDurations(event.durations(), precedence);
        absorbContext(event.context(), precedence);
        raw = precedence.mergeEach(raw, event.raw());
        eventCount++;
    }

    private void absorbDetails(CallDetails call, Precedence precedence) {
        direction = precedence.merge(direction, call.direction());
        mode = precedence.merge(mode, call.mode());
        outcome = precedence.merge(outcome, call.outcome());
        completedBy = precedence.merge(completedBy, call.completedBy());
        releaseCause = precedence.merge(releaseCause, call.releaseCause());
    }

    private void absorbParties(CallParties parties, Precedence precedence) {
        // A number is taken whole: its forms must never come from two different numbers.
        PhoneNumber customer = parties.customer();
        if (precedence.replaces(customerRaw, customer)) {
            customerRaw = customer.raw();
            customerE164 = customer.e164();
            customerMatchKey = customer.matchKey();
        }
        PhoneNumber did = parties.did();
        if (precedence.replaces(didRaw, did)) {
            didRaw = did.raw();
            didE164 = did.e164();
        }
        extension = precedence.merge(extension, parties.extension());
        agentId = precedence.merge(agentId, parties.agentId());
        employeeId = precedence.merge(employeeId, parties.employeeId());
        station = precedence.merge(station, parties.station());
    }

    private void absorbTimes(CallTimes times) {
        startedAt = earliest(startedAt, times.startedAt());
        answeredAt = earliest(answeredAt, times.answeredAt());
        endedAt = latest(endedAt, times.endedAt());
        firstEventAt = earliest(firstEventAt, times.occurredAt());
        lastEventAt = latest(lastEventAt, times.occurredAt());
    }

    private void absorbDurations(CallDurations durations, Precedence precedence) {
        queueSeconds = precedence.merge(queueSeconds, durations.queue());
        ringSeconds = precedence.merge(ringSeconds, durations.ring());
        talkSeconds = precedence.merge(talkSeconds, durations.talk());
        totalSeconds = precedence.merge(totalSeconds, durations.total());
    }

    private void absorbContext(CallContext context, Precedence precedence) {
        queueName = precedence.merge(queueName, context.queueName());
        process = precedence.merge(process, context.process());
        listId = precedence.merge(listId, context.listId());
        leadId = precedence.merge(leadId, context.leadId());
        callReferenceId = precedence.merge(callReferenceId, context.callReferenceId());
        disposition = precedence.merge(disposition, context.disposition());
        dialerDisposition = precedence.merge(dialerDisposition, context.dialerDisposition());
        followUpAt = precedence.merge(followUpAt, context.followUpAt());
    }
}
