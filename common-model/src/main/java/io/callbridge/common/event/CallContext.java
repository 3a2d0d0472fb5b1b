package io.callbridge.common.event;

import java.time.Instant;

/**
 * The business context of the call.
 *
 * @param queueName         the queue ({@code QUEUE_NAME})
 * @param process           the process or campaign ({@code Process}, {@code PROCESS_NAME})
 * @param listId            the dialer list ({@code LIST_ID})
 * @param leadId            the lead ({@code LEAD ID})
 * @param callReferenceId   the caller reference ({@code CallReferenceID}, {@code CALL_REFERENCE_ID})
 * @param disposition       the agent's disposition ({@code DISPOSITION})
 * @param dialerDisposition the dialer's own disposition ({@code DIALER_DISPOSITION})
 * @param followUpAt        when a follow-up call is due ({@code FOLLOWUP TIME}, callback date and time)
 */
public record CallContext(
        String queueName,
        String process,
        String listId,
        String leadId,
        String callReferenceId,
        String disposition,
        String dialerDisposition,
        Instant followUpAt) {

    public static final CallContext NONE = new CallContext(null, null, null, null, null, null, null, null);
}
