package io.callbridge.dispatch.outbox;

import io.callbridge.dispatch.delivery.AttemptOutcome;
import io.callbridge.dispatch.delivery.AttemptOutcome.Verdict;
import io.callbridge.dispatch.delivery.CrmDelivery;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.CrmEndpoints;
import io.callbridge.dispatch.endpoint.DispatchConfig;
import io.callbridge.dispatch.status.EndpointEventRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the due deliveries of the outbox, each claimed first (leased to this instance): those the statement storing
 * them claimed (the fast path), those stored held for this instance, claimed by id as their endpoints have room, and
 * those a search of the due ones finds (retries, recovery, what was not held; every poll interval, and after a
 * delivery settled while such may exist). Each claim reserves the room it may use while its statement runs, so the
 * three never exceed an endpoint's limits together. Each claimed delivery is sent on its own, so a slow CRM holds up
 * nothing but its own requests, at most its concurrency limit of them.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** How long after a delivery settled the claim it calls for is made. */
    private static final long SETTLED_CLAIM_DELAY_MS = 20;

    /** The longest {@code Retry-After} honoured. */
    private static final Duration LONGEST_REQUESTED_WAIT = Duration.ofDays(1);

    private final Outbox outbox;
    private final CrmEndpoints endpoints;
    private final CrmDelivery delivery;
    private final DispatchConfig.Worker config;
    private final Vertx vertx;
    private final DispatchMetrics metrics;

    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean claimAgain = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
    private final Map<String, RequestWindow> windows = new ConcurrentHashMap<>();
    private final AtomicBoolean rateTimer = new AtomicBoolean();
    private final AtomicBoolean claimSoon = new AtomicBoolean();
    /** Room reserved by a claim or the fast path while its statement runs, per endpoint and in all ({@link #reserve}). */
    private final Map<String, Integer> reserved = new HashMap<>();
    private int reservedInAll;
    /**
     * Deliveries this instance stored due at once and has not claimed yet, per endpoint, in the order stored: claimed
     * by their ids ({@link Outbox#claimStored}) as room frees, instead of a search of the due ones. Bounded; what is
     * not held here is found by {@link #claim}.
     */
    private final Map<String, Queue<DueDelivery>> held = new ConcurrentHashMap<>();
    private final AtomicInteger heldCount = new AtomicInteger();
    private final AtomicInteger heldWithEvent = new AtomicInteger();
    private final AtomicBoolean claimingHeld = new AtomicBoolean();
    private final AtomicBoolean claimHeldAgain = new AtomicBoolean();
    /** Whether the outbox may hold due deliveries that only a search ({@link #claim}) finds, beyond the periodic one. */
    private final AtomicBoolean unheld = new AtomicBoolean(true);
    private final EndpointEventRelay relay;
    private final DeliveredRecords delivered;
    private volatile boolean stopped = true;
    private long timer = -1;

    DeliveryWorker(Outbox outbox, CrmEndpoints endpoints, CrmDelivery delivery, DispatchConfig config, Vertx vertx,
                   DispatchMetrics metrics, EndpointEventRelay relay, DeliveredRecords delivered) {
        this.relay = relay;
        this.delivered = delivered;
        this.metrics = metrics;
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.delivery = delivery;
        this.config = config.worker();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        for (CrmEndpoint endpoint : endpoints.all()) {
            if (endpoint.timeout().compareTo(config.lease()) >= 0) {
                throw new IllegalArgumentException("callbridge.dispatch.worker.lease (%s) must be longer than the timeout of endpoint '%s' (%s)"
                        .formatted(config.lease(), endpoint.name(), endpoint.timeout()));
            }
        }
        stopped = false;
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), ignored -> {
            claim();
            claimHeld();
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Looks for due deliveries now: an event was just stored. */
    public void wake() {
        unheld.set(true);
        claim();
    }

    /**
     * The fast path, for deliveries about to be stored: reserves room for them, so that the statement storing them
     * may claim them at once. It does not wait for a claim under way: the room each one reserves is no longer free
     * to the other, so limits are kept while both run.
     *
     * @param wanted how many deliveries the fast path would claim, per endpoint
     * @return what is reserved, per endpoint and in all; empty when the worker is stopped (then the deliveries are
     *         stored as due, and claimed once it runs)
     */
    public Optional<Room> beginFastPath(Map<String, Integer> wanted) {
        if (stopped) {
            return Optional.empty();
        }
        return Optional.of(reserve(wanted::get, wanted.values().stream().mapToInt(Integer::intValue).sum()));
    }

    /**
     * Room to hold deliveries about to be stored due at once, that neither the fast path nor any search claims until
     * this instance claims them by id ({@link Outbox#claimStored}) as endpoints have room.
     *
     * @return how many of {@code wanted} may be held; 0 when the worker is stopped or holds all it may
     */
    public int beginHolding(int wanted) {
        if (stopped || wanted <= 0) {
            return 0;
        }
        int granted = Math.max(0, Math.min(wanted, config.mostHeld() - heldCount.getAndAdd(wanted)));
        heldCount.addAndGet(granted - wanted);
        return granted;
    }

    /**
     * Sends what the fast path claimed, gives back the room it reserved, and holds the deliveries stored held, to
     * claim them by id as room frees.
     *
     * @param reserved the fast path's room ({@link #beginFastPath})
     * @param holding  the room to hold that {@link #beginHolding} granted
     * @param stored   what was stored; {@link Outbox.Stored#NOTHING} when the statement failed
     */
    public void endFastPath(Optional<Room> reserved, int holding, Outbox.Stored stored) {
        stored.claimed().forEach(this::send);
        reserved.ifPresent(this::release);
        heldCount.addAndGet(stored.held().size() - holding);
        for (DueDelivery due : stored.held()) {
            DueDelivery kept = due;
            if (heldWithEvent.incrementAndGet() > config.mostHeldWithEvent()) {
                heldWithEvent.decrementAndGet();
                kept = new DueDelivery(due.id(), due.endpoint(), due.attempt(), null, false, Optional.empty());
            }
            held.computeIfAbsent(due.endpoint(), ignored -> new ConcurrentLinkedQueue<>())
                    .add(kept);
        }
        if (stored.due() > 0) {
            wake();
        }
        claimHeld();
    }

    /**
     * Claims held deliveries by id, as many per endpoint as it has room for. Those not claimed are let go: claimed by
     * another instance once their lease ran out, or made due (waiting for an earlier delivery of their call, or for
     * their endpoint to be enabled) for {@link #claim} to find.
     */
    private void claimHeld() {
        if (stopped || heldCount.get() == 0) {
            return;
        }
        // "Again" is asked for before the turn is tried: a claim ending meanwhile then sees it and claims again.
        // (Asked for after a failed try, it could come just after that claim looked, and a delivery held alone
        // waited for its lease to run out.)
        claimHeldAgain.set(true);
        if (!claimingHeld.compareAndSet(false, true)) {
            return;
        }
        claimHeldAgain.set(false);
        Room room = reserve(endpoint -> {
            // Not size(): it walks the queue. Room reserved and not used is released below.
            Queue<DueDelivery> queue = held.get(endpoint);
            return queue == null || queue.isEmpty() ? 0 : config.batchSize();
        }, config.batchSize());
        List<DueDelivery> taken = new ArrayList<>();
        int total = room.total();
        for (Map.Entry<String, Integer> free : room.perEndpoint().entrySet()) {
            Queue<DueDelivery> queue = held.get(free.getKey());
            DueDelivery next;
            for (int i = 0; i < free.getValue() && total > 0 && queue != null && (next = queue.poll()) != null; i++) {
                heldCount.decrementAndGet();
                if (next.event() != null) {
                    heldWithEvent.decrementAndGet();
                }
                taken.add(next);
                total--;
            }
        }
        if (taken.isEmpty()) {
            release(room);
            claimingHeld.set(false);
            if (claimHeldAgain.get()) {
                claimHeld();
            }
            return;
        }
        Duration keep = keptLease(taken.stream().map(DueDelivery::endpoint).distinct().toList());
        outbox.claimStored(taken, config.lease(), keep).subscribe().with(claimed -> {
            claimed.claimed().forEach(this::send);
            release(room);
            claimingHeld.set(false);
            if (claimed.leftDue() > 0) {
                wake();
            }
            if (!claimed.claimed().isEmpty() || claimHeldAgain.get()) {
                claimHeld();
            }
        }, failure -> {
            release(room);
            claimingHeld.set(false);
            LOG.warnf("Could not claim %d stored deliveries; they are claimed once found due: %s", taken.size(),
                    failure.getMessage());
            wake();
            if (claimHeldAgain.get()) {
                claimHeld();
            }
        });
    }

    /**
     * The least of its lease a held delivery keeps when it is claimed ({@link Outbox#claimStored}): the timeout of
     * its endpoint (the longest of those claimed together) and half the margin a new lease leaves after it, for
     * recording the outcome. A delivery with less left is leased anew.
     */
    private Duration keptLease(Iterable<String> endpointNames) {
        Duration longest = Duration.ZERO;
        for (String name : endpointNames) {
            Duration timeout = endpoints.named(name).map(CrmEndpoint::timeout).orElse(config.lease());
            longest = timeout.compareTo(longest) > 0 ? timeout : longest;
        }
        return longest.compareTo(config.lease()) >= 0 ? config.lease()
                : longest.plus(config.lease().minus(longest).dividedBy(2));
    }

    /** How many more requests may be under way, per endpoint ({@link #reserve}) and in all. */
    public record Room(Map<String, Integer> perEndpoint, int total) {
    }

    private void claim() {
        if (stopped) {
            return;
        }
        claimAgain.set(true);
        if (!claiming.compareAndSet(false, true)) {
            return;
        }
        claimAgain.set(false);
        unheld.set(false);
        Room room = reserve(ignored -> config.batchSize(), config.batchSize());
        int limit = room.total();
        if (limit <= 0) {
            release(room);
            unheld.set(true);
            claiming.set(false);
            return;
        }
        outbox.claim(limit, room.perEndpoint(), config.lease(), config.orderingMaxWait()).subscribe().with(due -> {
            due.forEach(this::send);
            release(room);
            claiming.set(false);
            Map<String, Long> claimed = due.stream().collect(Collectors.groupingBy(DueDelivery::endpoint,
                    Collectors.counting()));
            if (room.perEndpoint().entrySet().stream().anyMatch(free -> free.getValue() > 0
                    && claimed.getOrDefault(free.getKey(), 0L) >= free.getValue())) {
                // An endpoint got as many as it had room for: more of its deliveries may be due, claimed as soon as
                // room frees. (One that had no room at all is looked at again by the periodic claim.)
                unheld.set(true);
            }
            if (due.size() == limit || claimAgain.get()) {
                claim();
            }
        }, failure -> {
            release(room);
            claiming.set(false);
            unheld.set(true);
            LOG.warnf("Could not claim due deliveries, trying again in %s: %s", config.pollInterval(),
                    failure.getMessage());
        });
    }

    /**
     * Reserves room for requests about to be claimed: per endpoint, at most what is wanted and what its concurrency
     * limit less its requests under way and reserved, and its rate limit, let go now; in all, at most what is wanted
     * and {@code max-in-flight} allow. An endpoint at its rate limit is claimed again as soon as the limit lets a
     * request through. Reservations are short (one statement): a claimed delivery counts as under way from
     * {@link #send} on, and the reservation is then released.
     */
    private synchronized Room reserve(Function<String, Integer> wanted, int wantedInAll) {
        Map<String, Integer> room = new HashMap<>();
        long now = System.nanoTime();
        long untilRoom = Long.MAX_VALUE;
        for (CrmEndpoint endpoint : endpoints.all()) {
            int reservedHere = reserved.getOrDefault(endpoint.name(), 0);
            int free = endpoint.concurrency() - inFlight(endpoint.name()).get() - reservedHere;
            if (endpoint.rateLimit() > 0) {
                RequestWindow window = window(endpoint.name());
                int allowed = window.room(endpoint.rateLimit(), now) - reservedHere;
                if (allowed <= 0) {
                    untilRoom = Math.min(untilRoom, window.untilRoom(now));
                }
                free = Math.min(free, allowed);
            }
            Integer want = wanted.apply(endpoint.name());
            int granted = Math.max(0, Math.min(free, want == null ? 0 : want));
            room.put(endpoint.name(), granted);
            reserved.merge(endpoint.name(), granted, Integer::sum);
        }
        int total = Math.max(0, Math.min(wantedInAll, config.maxInFlight() - inFlight.get() - reservedInAll));
        reservedInAll += total;
        if (untilRoom != Long.MAX_VALUE && rateTimer.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, Duration.ofNanos(untilRoom).toMillis()), ignored -> {
                rateTimer.set(false);
                claim();
                claimHeld();
            });
        }
        return new Room(room, total);
    }

    private synchronized void release(Room room) {
        room.perEndpoint().forEach((endpoint, granted) -> reserved.merge(endpoint, -granted, Integer::sum));
        reservedInAll -= room.total();
    }

    private RequestWindow window(String endpoint) {
        return windows.computeIfAbsent(endpoint, ignored -> new RequestWindow());
    }

    private AtomicInteger inFlight(String endpoint) {
        return inFlightByEndpoint.computeIfAbsent(endpoint, ignored -> new AtomicInteger());
    }

    private void send(DueDelivery due) {
        inFlight.incrementAndGet();
        inFlight(due.endpoint()).incrementAndGet();
        window(due.endpoint()).sent(System.nanoTime());
        if (due.overtakes()) {
            LOG.warnf("Event %s (%s) of call %s goes to CRM '%s' ahead of an earlier event of the call that is still "
                            + "being retried: it waited %s, as long as it may", due.event().eventId(),
                    due.event().kind(), due.event().callId(), due.endpoint(), config.orderingMaxWait());
        }
        Uni.createFrom().deferred(() -> endpoints.named(due.endpoint())
                        .map(endpoint -> delivery.attempt(due.event(), endpoint, due.attempt(), due.traceparent())
                                .chain(outcome -> settle(due, endpoint, outcome)))
                        .orElseGet(() -> abandon(due)))
                .subscribe().with(ignored -> sent(due), failure -> {
                    // While the service stops, the pool closes under the last attempts: they are due again later.
                    LOG.logf(stopped ? Logger.Level.DEBUG : Logger.Level.ERROR, "Could not record the attempt at delivery %d of event %s to CRM '%s'; it is "
                                    + "attempted again once its lease of %s ran out: %s", due.id(),
                            due.event().eventId(), due.endpoint(), config.lease(), failure.getMessage());
                    sent(due);
                });
    }

    private void sent(DueDelivery due) {
        inFlight.decrementAndGet();
        inFlight(due.endpoint()).decrementAndGet();
        claimHeld();
        // The room it left, and the call's next delivery, are claimed together with those of the deliveries settled
        // within the next moment: one claim for many, rather than one per delivery. Not needed while every due
        // delivery is held (claimed by id): the periodic claim finds the retries as they fall due.
        if (unheld.get() && claimSoon.compareAndSet(false, true)) {
            vertx.setTimer(SETTLED_CLAIM_DELAY_MS, ignored -> {
                claimSoon.set(false);
                claim();
            });
        }
    }

    private Uni<Void> settle(DueDelivery due, CrmEndpoint endpoint, AttemptOutcome outcome) {
        DeliveryState state = DeliveryState.PENDING;
        Duration retryIn = null;
        String disabledReason = null;
        if (outcome.verdict() == Verdict.DELIVERED) {
            state = DeliveryState.DELIVERED;
        } else if (outcome.verdict() == Verdict.GONE) {
            // The delivery waits for the endpoint to be enabled again, and then goes out at once.
            retryIn = Duration.ZERO;
            disabledReason = "the CRM answered 410 Gone";
        } else {
            var next = endpoint.retry().after(due.attempt());
            if (next.isEmpty()) {
                state = DeliveryState.DEAD;
            } else {
                retryIn = outcome.retryAfter()
                        .map(requested -> requested.compareTo(LONGEST_REQUESTED_WAIT) > 0 ? LONGEST_REQUESTED_WAIT
                                : requested)
                        .filter(requested -> requested.compareTo(next.get()) > 0)
                        .orElse(next.get());
            }
        }
        DeliveryState settled = state;
        Duration after = retryIn;
        Uni<EndpointState> recorded = state == DeliveryState.DELIVERED
                ? delivered.record(due, outcome).replaceWith(new EndpointState(true, null, 0))
                : outbox.record(due, outcome, state, retryIn, disabledReason, config.disableAfterFailures());
        return recorded
                .invoke(endpointState -> {
                    metrics.attempted(outcome, settled);
                    report(due, outcome, settled, after, endpointState);
                })
                .replaceWithVoid();
    }

    private void report(DueDelivery due, AttemptOutcome outcome, DeliveryState state, Duration retryIn,
                        EndpointState endpoint) {
        if (state == DeliveryState.DEAD) {
            LOG.errorf("Event %s (%s) of call %s was not delivered to CRM '%s' in %d attempt(s), the last: %s; the "
                            + "delivery is dead", due.event().eventId(), due.event().kind(), due.event().callId(),
                    due.endpoint(), due.attempt(), outcome.outcome());
        } else if (state == DeliveryState.PENDING && outcome.verdict() == Verdict.FAILED) {
            LOG.debugf("Event %s to CRM '%s': attempt %d again at %s", due.event().eventId(), due.endpoint(),
                    due.attempt() + 1, Instant.now().plus(retryIn));
        }
        if (!endpoint.enabled() && outcome.verdict() != Verdict.DELIVERED) {
            // The notification was written with the change; publish it now rather than at the relay's next poll.
            relay.wake();
            LOG.warnf("CRM '%s' is disabled: %s; its deliveries wait until it is enabled again", due.endpoint(),
                    endpoint.disabledReason());
        }
    }

    /** A delivery to an endpoint that is no longer configured. */
    private Uni<Void> abandon(DueDelivery due) {
        LOG.errorf("Event %s of call %s cannot go to CRM '%s': no endpoint has that name any more; the delivery is "
                + "dead", due.event().eventId(), due.event().callId(), due.endpoint());
        AttemptOutcome none = new AttemptOutcome(Verdict.FAILED, Instant.now(), Duration.ZERO,
                Optional.empty(), "no endpoint named '" + due.endpoint() + "'", Optional.empty(),
                Optional.empty());
        return outbox.record(due, none, DeliveryState.DEAD, null, null, 0).replaceWithVoid();
    }
}
