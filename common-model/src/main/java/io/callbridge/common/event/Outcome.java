package io.callbridge.common.event;

public enum Outcome {
    ANSWERED,
    /** Offered to us but nobody took it (UIS {@code is_lost}). */
    MISSED,
    /** An outbound attempt that never connected (ConVox "not connected"). */
    NOT_CONNECTED,
    BUSY,
    FAILED
}
