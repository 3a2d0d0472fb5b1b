package io.callbridge.click2call.pbx.ccs;

import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.click2call.pbx.PbxDialer;
import io.callbridge.click2call.pbx.PbxReplies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dials through Call Center Studio: a GET of click2call with the agent's session and the number. The session comes
 * from the Login API and is kept for {@code session-lifetime}; when click2call answers {@code "login": false} the
 * session is renewed and the click2call repeated once. That repeat is no blind retry: with {@code "login": false}
 * Call Center Studio refused the request before dialing anything.
 */
@Singleton
public class CallCenterStudioDialer implements PbxDialer {

    public static final String KIND = "ccs";

    private static final Logger LOG = Logger.getLogger(CallCenterStudioDialer.class);
    private static final Duration SHORTEST_SESSION = Duration.ofHours(8);
    private static final Duration LONGEST_SESSION = Duration.ofHours(12);

    private final CallCenterStudioConfig config;
    private final WebClient client;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Inject
    public CallCenterStudioDialer(Vertx vertx, CallCenterStudioConfig config) {
        this(vertx, config, Clock.systemUTC());
    }

    CallCenterStudioDialer(Vertx vertx, CallCenterStudioConfig config, Clock clock) {
        Duration lifetime = config.sessionLifetime();
        if (lifetime.compareTo(SHORTEST_SESSION) < 0 || lifetime.compareTo(LONGEST_SESSION) > 0) {
            throw new IllegalArgumentException("callbridge.click2call.ccs.session-lifetime must be 8 to 12 hours, is "
                    + lifetime);
        }
        this.config = config;
        this.clock = clock;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("callbridge-click2call"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean serves(String tenant) {
        return config.tenants().containsKey(tenant);
    }

    /** A login, click2call, and after {@code "login": false} a second login and click2call, each with its timeout. */
    @Override
    public Duration longestCall() {
        return config.timeout().multipliedBy(4);
    }

    @Override
    public Uni<DialOutcome> dial(PbxCall call) {
        CallCenterStudioConfig.Account account = config.tenants().get(call.request().tenant().value());
        String sessionKey = call.request().tenant().value() + ":" + call.pbxAgent();
        return session(account, sessionKey, call.pbxAgent(), false)
                .chain(session -> click2call(account, session, call))
                .chain(answer -> answer.loginRefused()
                        ? session(account, sessionKey, call.pbxAgent(), true)
                                .chain(renewed -> click2call(account, renewed, call))
                        : Uni.createFrom().item(answer))
                .map(answer -> answer.loginRefused()
                        ? PbxReplies.refused("the renewed session was refused too (\"login\": false)")
                        : answer.outcome())
                .onFailure(SessionRefused.class).recoverWithItem(failure -> PbxReplies.refused(failure.getMessage()))
                .onFailure().recoverWithItem(failure -> PbxReplies.unanswered(failure, config.timeout()))
                .invoke(outcome -> {
                    if (!outcome.accepted()) {
                        LOG.warnf("Dial request %s failed at Call Center Studio: %s", call.request().requestId(),
                                outcome.reason());
                    }
                });
    }

    private Uni<String> session(CallCenterStudioConfig.Account account, String key, String agent, boolean renew) {
        Session kept = sessions.get(key);
        if (!renew && kept != null && kept.validAt(clock.instant())) {
            return Uni.createFrom().item(kept.value());
        }
        return client.getAbs(account.baseUrl() + account.loginPath())
                .addQueryParam("app_token", account.appToken())
                .addQueryParam("username", agent)
                .timeout(config.timeout().toMillis())
                .send()
                .ifNoItem().after(config.timeout()).fail()
                .map(response -> {
                    Optional<JsonObject> reply = json(response);
                    String session = reply.filter(body -> body.getBoolean("login", false))
                            .map(body -> body.getString("session")).orElse(null);
                    if (response.statusCode() / 100 != 2 || session == null) {
                        throw new SessionRefused("Call Center Studio refused the login of agent " + agent
                                + PbxReplies.excerpt("HTTP " + response.statusCode() + " " + PbxReplies.body(response)));
                    }
                    sessions.put(key, new Session(session, clock.instant().plus(config.sessionLifetime())));
                    return session;
                });
    }

    private Uni<Click2callAnswer> click2call(CallCenterStudioConfig.Account account, String session, PbxCall call) {
        String number = call.request().number().e164().substring(1);
        return client.getAbs(account.baseUrl() + account.click2callPath())
                .addQueryParam("session", session)
                .addQueryParam("number", number)
                .timeout(config.timeout().toMillis())
                .send()
                .ifNoItem().after(config.timeout()).fail()
                .map(CallCenterStudioDialer::answerOf);
    }

    private static Click2callAnswer answerOf(HttpResponse<Buffer> response) {
        Optional<JsonObject> reply = json(response);
        if (reply.map(body -> Boolean.FALSE.equals(body.getValue("login"))).orElse(false)) {
            return new Click2callAnswer(true, null);
        }
        if (response.statusCode() / 100 != 2) {
            return new Click2callAnswer(false, PbxReplies.httpError(response));
        }
        Object callKey = reply.map(body -> body.getValue("activecallkey")).orElse(null);
        return new Click2callAnswer(false, DialOutcome.dialing(callKey == null ? null : callKey.toString()));
    }

    private static Optional<JsonObject> json(HttpResponse<Buffer> response) {
        try {
            return Optional.ofNullable(response.bodyAsJsonObject());
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private record Session(String value, Instant expiresAt) {
        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    /** @param loginRefused Call Center Studio answered {@code "login": false}: the session is no longer valid */
    private record Click2callAnswer(boolean loginRefused, DialOutcome outcome) {
    }

    private static final class SessionRefused extends RuntimeException {
        SessionRefused(String message) {
            super(message, null, false, false);
        }
    }
}
