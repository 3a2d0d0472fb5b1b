package io.callbridge.bench.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Replays request templates against a server at a constant rate (or closed loop at the maximum) and prints
 * throughput and latency percentiles. Everything runs on one Vert.x event loop, so the generator itself takes one
 * core at most. At a constant rate each request is sent at its due time by a timer of its own (Linux's epoll timers
 * have microseconds; Java's NIO, the fallback elsewhere, whole milliseconds), and how late sends were is reported
 * beside the latencies, which count from the due time whatever the lateness.
 */
public final class LoadGenerator {

    private final LoadOptions options;
    private final List<RequestTemplate> templates;
    private final Vertx vertx;
    private final HttpClient client;

    private long sequence;
    private long inFlight;
    private Recorder recorder = new Recorder();
    private long measureFrom;
    private long measureUntil;

    LoadGenerator(LoadOptions options, List<RequestTemplate> templates) {
        this.options = options;
        this.templates = templates;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setPreferNativeTransport(true));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(options.target().getHost())
                        .setDefaultPort(options.target().getPort())
                        .setKeepAlive(true)
                        .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(options.connections()).setMaxWaitQueueSize(-1));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || List.of(args).contains("--help")) {
            System.out.println(LoadOptions.USAGE);
            return;
        }
        LoadOptions options = LoadOptions.parse(args);
        LoadGenerator generator = new LoadGenerator(options, RequestTemplate.read(options.requests()));
        try {
            System.out.println(generator.run());
        } finally {
            generator.close();
        }
    }

    /** Runs warm-up and measurement, and returns the report. */
    String run() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(ignored -> start(done));
        long total = options.warmup().plus(options.duration()).toMillis();
        done.get(total + 60_000, TimeUnit.MILLISECONDS);
        CompletableFuture<String> report = new CompletableFuture<>();
        vertx.runOnContext(ignored -> report.complete(recorder.report(options,
                options.duration().toNanos() / 1e9, inFlight, vertx.isNativeTransportEnabled())));
        return report.get(10, TimeUnit.SECONDS);
    }

    private void start(CompletableFuture<Void> done) {
        long start = System.nanoTime();
        measureFrom = start + options.warmup().toNanos();
        measureUntil = measureFrom + options.duration().toNanos();
        if (options.rate() > 0) {
            constantRate(start, done);
        } else {
            for (int i = 0; i < options.connections(); i++) {
                closedLoop(done);
            }
        }
    }

    /** Request n is due at start + n / rate; a late send still counts from when it was due. */
    private void constantRate(long start, CompletableFuture<Void> done) {
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        sendDue(context, start, 1e9 / options.rate(), 0, done);
    }

    /** Sends what is due from request {@code next} on, then sleeps until the next one is due. */
    private void sendDue(ContextInternal context, long start, double interval, long next,
                         CompletableFuture<Void> done) {
        long due = start + (long) (next * interval);
        long now = System.nanoTime();
        while (due <= now && due < measureUntil) {
            if (due >= measureFrom) {
                recorder.recordLateness(now - due);
            }
            send(due);
            next++;
            due = start + (long) (next * interval);
        }
        if (due >= measureUntil) {
            drain(done, now);
            return;
        }
        long following = next;
        context.nettyEventLoop().schedule(() -> context.emit(null,
                ignored -> sendDue(context, start, interval, following, done)), due - now, TimeUnit.NANOSECONDS);
    }

    private void closedLoop(CompletableFuture<Void> done) {
        long now = System.nanoTime();
        if (now >= measureUntil) {
            if (inFlight == 0) {
                done.complete(null);
            }
            return;
        }
        send(now).onComplete(ignored -> closedLoop(done));
    }

    /** Waits for what is still in flight, at most 10 s after the end of the schedule. */
    private void drain(CompletableFuture<Void> done, long since) {
        if (inFlight == 0 || System.nanoTime() - since > 10_000_000_000L) {
            done.complete(null);
        } else {
            vertx.setTimer(10, t -> drain(done, since));
        }
    }

    private Future<Void> send(long intendedStart) {
        long seq = sequence++;
        RequestTemplate template = templates.get((int) (seq % templates.size()));
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.valueOf(template.method()))
                .setURI(template.path(seq));
        template.headers().forEach(request::putHeader);
        options.headers().forEach(request::putHeader);
        String body = template.body(seq);
        boolean measured = intendedStart >= measureFrom && intendedStart < measureUntil;
        inFlight++;
        Promise<Void> finished = Promise.promise();
        client.request(request)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
                // The answer is read to its end and dropped: gathering it into one buffer only cost the generator
                // CPU, which the server under test shares on a single machine.
                .compose(response -> response.end().map(ignored -> response.statusCode()))
                .onComplete(result -> {
                    inFlight--;
                    long latency = System.nanoTime() - intendedStart;
                    if (measured) {
                        if (result.succeeded()) {
                            recorder.record(latency, result.result());
                        } else {
                            recorder.recordError(latency, result.cause());
                        }
                    }
                    finished.complete();
                });
        return finished.future();
    }

    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
