package io.callbridge.index.ingest;

/** A call event this service cannot store as it is; retrying will not help, so it goes to the dead-letter topic. */
public class RejectedCallEvent extends RuntimeException {

    public RejectedCallEvent(String reason) {
        super(reason, null, false, false);
    }
}
