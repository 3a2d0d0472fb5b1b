package io.callbridge.dispatch.outbox;

import java.util.ArrayDeque;

/**
 * The requests made to one endpoint in the last second, for its rate limit: a sliding window, so that no one-second
 * span ever holds more than the limit (a token bucket would let twice as many through across a refill).
 */
final class RequestWindow {

    private static final long SECOND = 1_000_000_000L;

    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    /** How many more requests may go now. */
    synchronized int room(int limit, long now) {
        prune(now);
        return Math.max(0, limit - sent.size());
    }

    synchronized void sent(long now) {
        sent.addLast(now);
    }

    /** Nanoseconds until the next request may go, once the window is full. */
    synchronized long untilRoom(long now) {
        prune(now);
        return sent.isEmpty() ? 0 : Math.max(0, sent.peekFirst() + SECOND - now);
    }

    private void prune(long now) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - SECOND) {
            sent.removeFirst();
        }
    }
}
