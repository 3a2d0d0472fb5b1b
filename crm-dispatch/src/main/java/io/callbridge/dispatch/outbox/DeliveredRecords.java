package io.callbridge.dispatch.outbox;

import io.callbridge.dispatch.delivery.AttemptOutcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records delivered attempts a group at a time: one statement (one commit) is under way at once, and the attempts
 * that were delivered meanwhile go together in the next. At a low rate each goes alone, at once; at a high rate one
 * commit serves hundreds, instead of each delivery waiting for its own. A delivery counts as settled only once its
 * group is committed.
 */
@ApplicationScoped
class DeliveredRecords {

    private static final int MOST = 500;

    private final Outbox outbox;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    DeliveredRecords(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Completes once the attempt is committed. */
    Uni<Void> record(DueDelivery delivery, AttemptOutcome outcome) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(delivery, outcome, emitter));
            flush();
        });
    }

    private void flush() {
        if (!flushing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> group = new ArrayList<>();
        Pending next;
        while (group.size() < MOST && (next = queue.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            flushing.set(false);
            if (!queue.isEmpty()) {
                flush();
            }
            return;
        }
        outbox.recordDelivered(group.stream().map(Pending::delivery).toList(),
                        group.stream().map(Pending::outcome).toList())
                .subscribe().with(done -> {
                    flushing.set(false);
                    group.forEach(pending -> pending.emitter().complete(null));
                    flush();
                }, failure -> {
                    flushing.set(false);
                    group.forEach(pending -> pending.emitter().fail(failure));
                    flush();
                });
    }

    private record Pending(DueDelivery delivery, AttemptOutcome outcome, UniEmitter<? super Void> emitter) {
    }
}
