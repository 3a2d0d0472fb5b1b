package io.callbridge.dispatch.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Results;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.ValueResolver;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Compiles CRM URL templates with Quarkus' Qute engine. A template's placeholders are only known at runtime, so Qute
 * cannot type-check them at build time: instead a template is rendered strictly against a sample event with every
 * field set, and a placeholder that names no field fails there, at startup, instead of at each delivery.
 */
@ApplicationScoped
public class CrmUrlTemplates {

    /**
     * The vendor's field names are open-ended: while checking, any {@code raw.<name>} exists. The call event has no
     * other map. Lowest priority, so the map's own properties ({@code size}, {@code keys}) still resolve first.
     */
    private static final ValueResolver ANY_VENDOR_FIELD = ValueResolver.builder()
            .applyToBaseClass(Map.class)
            .applyToNoParameters()
            .resolveSync(EvalContext::getName)
            .priority(-10)
            .build();

    /**
     * Qute's built-in {@code raw} and {@code safe} apply to any base, even to a part that was not found, so that
     * {@code parties.custmer.raw} would pass. While checking, nothing resolves on a part that was not found.
     */
    private static final ValueResolver NOTHING_ON_NOT_FOUND = ValueResolver.builder()
            .appliesTo(context -> Results.isNotFound(context.getBase()))
            .resolveAsync(context -> CompletableFuture.failedFuture(
                    new TemplateException(((Results.NotFound) context.getBase()).asMessage())))
            .priority(Integer.MAX_VALUE)
            .build();

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private static final java.util.regex.Pattern FIELD_PATH = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    private final Engine checking;
    private final Engine rendering;
    private final Engine plain;
    private final java.util.Map<BodyFormat, Engine> checkingBodies = new java.util.EnumMap<>(BodyFormat.class);
    private final java.util.Map<BodyFormat, Engine> renderingBodies = new java.util.EnumMap<>(BodyFormat.class);

    CrmUrlTemplates(Engine engine) {
        UrlEncodingResultMapper urlEncoding = new UrlEncodingResultMapper();
        this.checking = engine.newBuilder()
                .strictRendering(true)
                .addValueResolver(ANY_VENDOR_FIELD)
                .addValueResolver(NOTHING_ON_NOT_FOUND)
                .addResultMapper(urlEncoding)
                .build();
        // Not strict: a value missing from an event (no customer number, say) renders empty; it is no error.
        this.rendering = engine.newBuilder()
                .strictRendering(false)
                .addResultMapper(urlEncoding)
                .build();
        this.plain = engine.newBuilder()
                .strictRendering(false)
                .addResultMapper(new PlainValueResultMapper())
                .build();
        for (BodyFormat format : BodyFormat.values()) {
            checkingBodies.put(format, engine.newBuilder()
                    .strictRendering(true)
                    .addValueResolver(ANY_VENDOR_FIELD)
                    .addValueResolver(NOTHING_ON_NOT_FOUND)
                    .addResultMapper(format.escaping())
                    .build());
            renderingBodies.put(format, engine.newBuilder()
                    .strictRendering(false)
                    .addResultMapper(format.escaping())
                    .build());
        }
    }

    /**
     * @param source a Qute template of a request body; each value is escaped for the format
     * @throws IllegalArgumentException when the template does not parse, names a field the call event does not
     *                                  have, or does not render the format (JSON that does not parse, say)
     */
    public CrmBodyTemplate compileBody(String source, BodyFormat format) {
        String sample;
        try {
            sample = checkingBodies.get(format).parse(source).data(SampleCallEvent.EVERY_FIELD_SET).render();
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        format.requireWellFormed(sample);
        return new CrmBodyTemplate(renderingBodies.get(format).parse(source));
    }

    /**
     * @param path a field of the call event, such as {@code call.direction} or {@code raw.sExt}
     * @throws IllegalArgumentException when the call event has no such field
     */
    public EventField field(String path) {
        if (path == null || !FIELD_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' is no field path (such as call.direction)");
        }
        String source = "{" + path + "}";
        try {
            checking.parse(source).data(SampleCallEvent.EVERY_FIELD_SET).render();
        } catch (TemplateException e) {
            throw new IllegalArgumentException("the call event has no field '" + path + "'", e);
        }
        return new EventField(path, plain.parse(source));
    }

    /**
     * @param source a Qute template that renders an absolute http or https URL
     * @throws IllegalArgumentException when the template does not parse, names a field the call event does not
     *                                  have, or renders no absolute http(s) URL
     */
    public CrmUrlTemplate compile(String source) {
        String sampleUrl;
        try {
            sampleUrl = checking.parse(source).data(SampleCallEvent.EVERY_FIELD_SET).render();
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String host = requireAbsoluteHttpUrl(sampleUrl);
        return new CrmUrlTemplate(rendering.parse(source), host);
    }

    /** @return the URL's host, an IPv6 address without its brackets */
    private static String requireAbsoluteHttpUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("does not render a valid URL: " + e.getReason(), e);
        }
        boolean http = uri.getScheme() != null && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT));
        if (!http || uri.getHost() == null) {
            throw new IllegalArgumentException("does not render an absolute http or https URL");
        }
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
