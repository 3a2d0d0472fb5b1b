package io.callbridge.common.event;

/**
 * How the call went.
 *
 * @param direction    inbound, outbound or internal
 * @param mode         manual, predictive, progressive or preview (outbound only)
 * @param outcome      answered, missed, not connected, busy, failed
 * @param completedBy  who hung up, as the vendor says it (ConVox {@code COMPLETED_BY})
 * @param releaseCause the release cause (UIS {@code release_cause_code})
 */
public record CallDetails(Direction direction, CallMode mode, Outcome outcome, String completedBy, String releaseCause) {

    public static final CallDetails NONE = new CallDetails(null, null, null, null, null);
}
