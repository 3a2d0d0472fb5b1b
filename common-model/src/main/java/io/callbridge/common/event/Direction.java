package io.callbridge.common.event;

public enum Direction {
    INBOUND,
    OUTBOUND,
    INTERNAL
}
