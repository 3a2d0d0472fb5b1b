package io.callbridge.index.call;

import org.hibernate.engine.spi.SelfDirtinessTracker;

/**
 * Turns off Hibernate's dirty tracking on an entity this code builds itself. The index writes calls and recordings with
 * its own statements ({@code CallStatements}, {@code RecordingStatements}) and Hibernate only ever loads them, so no
 * session flushes an object built here. Yet the build-time enhancement records every field written into an array
 * grown by one per field (about forty copies, and a linear search each, per call read from a row): a tenth of what a
 * search allocated.
 */
final class Untracked {

    private Untracked() {
    }

    static <T> T entity(T entity) {
        // Only enhanced classes implement the tracker: without Quarkus's enhancement there is nothing to turn off.
        if (entity instanceof SelfDirtinessTracker tracker) {
            tracker.$$_hibernate_suspendDirtyTracking(true);
        }
        return entity;
    }
}
