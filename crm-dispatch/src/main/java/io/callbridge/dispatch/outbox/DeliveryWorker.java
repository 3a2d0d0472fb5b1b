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
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the due deliveries of the outbox. It claims them in batches (one claim at a time), when an event was just
 * stored, when a delivery was settled (the next one of its call may be due now), and every poll interval; each
 * claimed delivery is sent on its own, so a slow CRM holds up nothing but its own requests, at most its concurrency
 * limit of them.
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
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), ignored -> claim());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Looks for due deliveries now: an event was just stored. */
    public void wake() {
        claim();
    }

    /**
     * The fast path, for deliveries about to be stored: takes the worker's turn to claim (one claim at a time, so
     * that limits are kept) if no claim is under way.
     *
     * @return how many requests may be sent at once, per endpoint and in all; empty when a claim is under way
     *         (then the deliveries are stored as due, and claimed next)
     */
    public Optional<Room> beginFastPath() {
        if (stopped || !claiming.compareAndSet(false, true)) {
            return Optional.empty();
        }
        claimAgain.set(false);
        return Optional.of(new Room(room(), config.maxInFlight() - inFlight.get()));
    }

    /** Sends what the fast path claimed, and gives back the turn to claim. */
    public void endFastPath(List<DueDelivery> claimed) {
        claimed.forEach(this::send);
        claiming.set(false);
        if (claimAgain.get()) {
            claim();
        }
    }

    /** How many more requests may be under way, per endpoint ({@link #room()}) and in all. */
    public record Room(Map<String, Integer> perEndpoint, int total) {
    }

    private void claim() {
        if (stopped) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            claimAgain.set(true);
            return;
        }
        claimAgain.set(false);
        int limit = Math.min(config.maxInFlight() - inFlight.get(), config.batchSize());
        if (limit <= 0) {
            claiming.set(false);
            return;
        }
        outbox.claim(limit, room(), config.lease(), config.orderingMaxWait()).subscribe().with(due -> {
            due.forEach(this::send);
            claiming.set(false);
            if (due.size() == limit || claimAgain.get()) {
                claim();
            }
        }, failure -> {
            claiming.set(false);
            LOG.warnf("Could not claim due deliveries, trying again in %s: %s", config.pollInterval(),
                    failure.getMessage());
        });
    }

    /**
     * How many more requests each endpoint may have under way: its concurrency limit less its requests under way,
     * and no more than its rate limit lets go now. An endpoint at its rate limit is claimed again as soon as the limit
     * lets a request through.
     */
    private Map<String, Integer> room() {
        Map<String, Integer> room = new HashMap<>();
        long now = System.nanoTime();
        long untilRoom = Long.MAX_VALUE;
        for (CrmEndpoint endpoint : endpoints.all()) {
            int free = endpoint.concurrency() - inFlight(endpoint.name()).get();
            if (endpoint.rateLimit() > 0) {
                RequestWindow window = window(endpoint.name());
                int allowed = window.room(endpoint.rateLimit(), now);
                if (allowed == 0) {
                    untilRoom = Math.min(untilRoom, window.untilRoom(now));
                }
                free = Math.min(free, allowed);
            }
            room.put(endpoint.name(), free);
        }
        if (untilRoom != Long.MAX_VALUE && rateTimer.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, Duration.ofNanos(untilRoom).toMillis()), ignored -> {
                rateTimer.set(false);
                claim();
            });
        }
        return room;
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
        // The room it left, and the call's next delivery, are claimed together with those of the deliveries settled
        // within the next moment: one claim for many, rather than one per delivery.
        if (claimSoon.compareAndSet(false, true)) {
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
                java.util.Optional.empty(), "no endpoint named '" + due.endpoint() + "'", java.util.Optional.empty(),
                java.util.Optional.empty());
        return outbox.record(due, none, DeliveryState.DEAD, null, null, 0).replaceWithVoid();
    }
}
