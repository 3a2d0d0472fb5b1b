package io.callbridge.common.event;

/** How an outbound call was placed (ConVox {@code CALL_MODE}); inbound calls carry no mode. */
public enum CallMode {
    MANUAL,
    PREDICTIVE,
    PROGRESSIVE,
    PREVIEW
}
