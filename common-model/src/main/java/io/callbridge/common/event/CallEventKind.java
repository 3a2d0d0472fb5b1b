package io.callbridge.common.event;

/** What happened to the call. */
public enum CallEventKind {
    /** Ringing at an agent, or waiting for an answer: what pops the caller's card. */
    CALL_OFFERED,
    CALL_ANSWERED,
    CALL_ENDED,
    RECORDING_AVAILABLE,
    DISPOSITION_SET,
    AGENT_STATUS_CHANGED
}
