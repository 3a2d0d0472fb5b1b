package io.callbridge.click2call.pbx.http;

import io.callbridge.click2call.pbx.DialOutcome;
import io.callbridge.click2call.pbx.PbxDialer;
import io.callbridge.common.dial.DialRequest;
import io.quarkus.arc.lookup.LookupIfProperty;
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

import java.util.concurrent.TimeoutException;

/**
 * Dials through a PBX whose click-to-call API is one HTTP request, e.g. FixDigital's
 * {@code GET /dialer/sodialer.php?sExt=777&sNumber=033004799&ClientId=10}. Singleton, so that a broken URL template
 * stops the application at start rather than failing the first call.
 */
@Singleton
@LookupIfProperty(name = "callbridge.click2call.dialer", stringValue = "http-template", lookupIfMissing = true)
public class HttpTemplateDialer implements PbxDialer {

    private static final Logger LOG = Logger.getLogger(HttpTemplateDialer.class);

    /** Enough of a PBX's answer to tell an operator why it refused, not enough to flood a log or a problem body. */
    private static final int EXCERPT_CHARS = 200;

    private final HttpTemplateDialerConfig config;
    private final DialUrlTemplate urlTemplate;
    private final WebClient client;

    public HttpTemplateDialer(Vertx vertx, Engine engine, HttpTemplateDialerConfig config) {
        this.config = config;
        this.urlTemplate = new DialUrlTemplate(engine, config.urlTemplate());
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("callbridge-click2call"));
    }

    @Override
    public Uni<DialOutcome> dial(DialRequest request) {
        return urlTemplate.render(DialTemplateData.of(request))
                .chain(this::send)
                .map(this::outcomeOf)
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().recoverWithItem(this::outcomeOf)
                .invoke(outcome -> {
                    if (!outcome.accepted()) {
                        LOG.warnf("Dial request %s failed at the PBX: %s", request.requestId(), outcome.reason());
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
        String body = response.bodyAsString() == null ? "" : response.bodyAsString();
        if (response.statusCode() / 100 != 2) {
            return DialOutcome.failed("The PBX answered HTTP " + response.statusCode() + excerpt(body));
        }
        boolean refused = config.successBodyPattern().filter(pattern -> !pattern.matcher(body).find()).isPresent();
        return refused ? DialOutcome.failed("The PBX refused the call" + excerpt(body)) : DialOutcome.dialing();
    }

    private DialOutcome outcomeOf(Throwable failure) {
        if (failure instanceof TimeoutException || failure instanceof io.smallrye.mutiny.TimeoutException) {
            return DialOutcome.failed("The PBX did not answer within " + config.timeout().toMillis()
                    + " ms; it may still place the call");
        }
        return DialOutcome.failed("The PBX could not be reached: " + failure.getMessage());
    }

    private static String excerpt(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "";
        }
        return ": " + (oneLine.length() > EXCERPT_CHARS ? oneLine.substring(0, EXCERPT_CHARS) + "…" : oneLine);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
