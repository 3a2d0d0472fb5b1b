package io.callbridge.click2call.pbx.http;

import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxCall;
import io.callbridge.click2call.pbx.PbxDialer;
import io.callbridge.click2call.pbx.PbxReplies;
import io.quarkus.qute.Engine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;


/**
 * Dials through a PBX whose click-to-call API is one HTTP request, e.g. FixDigital's
 * {@code GET /dialer/sodialer.php?sExt=777&sNumber=033004799&ClientId=10}. Singleton, so that a broken URL template
 * stops the application at start rather than failing the first call.
 */
@Singleton
public class HttpTemplateDialer implements PbxDialer {

    /** The value of {@code callbridge.click2call.tenants.<tenant>.dialer} for this dialer. */
    public static final String KIND = "http-template";

    private static final Logger LOG = Logger.getLogger(HttpTemplateDialer.class);

    private final HttpTemplateDialerConfig config;
    private final DialUrlTemplate urlTemplate;
    private final WebClient client;

    public HttpTemplateDialer(Vertx vertx, Engine engine, HttpTemplateDialerConfig config) {
        this.config = config;
        this.urlTemplate = new DialUrlTemplate(engine, config.urlTemplate());
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("callbridge-click2call")
                .setMaxPoolSize(config.maxConnections()));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The one URL template serves every tenant; {@code {tenant}} tells them apart where the PBX needs it. */
    @Override
    public boolean serves(String tenant) {
        return true;
    }

    @Override
    public Duration longestCall() {
        return config.timeout();
    }

    @Override
    public Uni<DialOutcome> dial(PbxCall call) {
        return urlTemplate.render(DialTemplateData.of(call.request(), call.pbxAgent()))
                .chain(this::send)
                .map(this::outcomeOf)
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().recoverWithItem(failure -> PbxReplies.unanswered(failure, config.timeout()))
                .invoke(outcome -> {
                    if (!outcome.accepted()) {
                        LOG.warnf("Dial request %s failed at the PBX: %s", call.request().requestId(),
                                outcome.reason());
                    }
                });
    }

    private Uni<HttpResponse<Buffer>> send(String url) {
        long timeoutMillis = config.timeout().toMillis();
        if (config.method() == HttpTemplateDialerConfig.Method.GET) {
            return client.getAbs(url).timeout(timeoutMillis).send();
        }
        int queryStart = url.indexOf('?');
        String target = queryStart < 0 ? url : url.substring(0, queryStart);
        String form = queryStart < 0 ? "" : url.substring(queryStart + 1);
        return client.postAbs(target)
                .timeout(timeoutMillis)
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), UrlEncodingResultMapper.CONTENT_TYPE)
                .sendBuffer(Buffer.buffer(form));
    }

    private DialOutcome outcomeOf(HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            return PbxReplies.httpError(response);
        }
        String body = PbxReplies.body(response);
        boolean refused = config.successBodyPattern().filter(pattern -> !pattern.matcher(body).find()).isPresent();
        return refused ? PbxReplies.refused(body) : DialOutcome.dialing();
    }

    @PreDestroy
    public void close() {
        client.close();
    }
}
