package io.callbridge.dispatch.endpoint;

import io.callbridge.common.event.CallEventKind;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.template.CrmUrlTemplate;
import io.callbridge.dispatch.template.CrmUrlTemplates;
import io.callbridge.dispatch.request.CrmRequestTemplate;
import io.callbridge.dispatch.request.BodyTemplateRequest;
import io.callbridge.dispatch.request.Preset;
import io.callbridge.dispatch.request.PresetSettingException;
import io.callbridge.dispatch.request.Presets;
import io.callbridge.dispatch.request.UrlGetTemplate;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns an endpoint definition, from the API or from configuration, into an endpoint that can be delivered to: its
 * template compiled and checked against a sample event, its filters' fields checked, its durations read. Whatever
 * is wrong is refused here, naming the field, rather than at each delivery.
 */
@ApplicationScoped
public class EndpointCompiler {

    static final String DEFAULT_TIMEOUT = "5s";
    static final List<String> DEFAULT_SCHEDULE = List.of("0s", "5s", "30s", "2m", "10m", "30m", "1h", "3h", "6h", "12h");
    static final double DEFAULT_JITTER = 0.2;
    static final int DEFAULT_CONCURRENCY = 16;

    private final CrmUrlTemplates templates;
    private final Presets presets;

    EndpointCompiler(CrmUrlTemplates templates, Presets presets) {
        this.templates = templates;
        this.presets = presets;
    }

    /** The preset the definition names, if any. @throws InvalidEndpointException when there is none of that name */
    public Optional<Preset> preset(EndpointDefinition definition) {
        return Optional.ofNullable(definition.preset()).map(name -> presets.named(name).orElseThrow(() ->
                new InvalidEndpointException("preset", "there is no preset '" + name + "'; there are "
                        + String.join(", ", presets.names()))));
    }

    /** The host the definition's URL names (for the sample event). @throws InvalidEndpointException when none */
    public String host(EndpointDefinition definition) {
        try {
            return templates.compile(definition.urlTemplate()).sampleHost();
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException("urlTemplate", e.getMessage());
        }
    }

    /**
     * @param key    the endpoint's name in the outbox
     * @param tenant the only tenant whose events it wants, if any
     * @throws InvalidEndpointException naming the field at fault
     */
    public CrmEndpoint compile(String key, Optional<TenantId> tenant, EndpointDefinition definition) {
        CrmUrlTemplate url;
        try {
            url = templates.compile(definition.urlTemplate());
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException("urlTemplate", e.getMessage());
        }
        Optional<Preset> preset = preset(definition);
        if (preset.isPresent() && definition.bodyTemplate() != null) {
            throw new InvalidEndpointException("bodyTemplate", "a preset makes its own body; give one or the other");
        }
        CrmRequestTemplate request;
        try {
            request = preset.map(chosen -> chosen.compile(url, definition.settings()))
                    .orElseGet(() -> plain(url, definition));
        } catch (PresetSettingException e) {
            throw new InvalidEndpointException("settings." + e.setting(), e.getMessage());
        }
        Set<CallEventKind> kinds = definition.kinds() == null || definition.kinds().isEmpty()
                ? preset.map(Preset::kinds).orElseGet(() -> EnumSet.allOf(CallEventKind.class))
                : definition.kinds();
        preset.ifPresent(chosen -> kinds.stream().filter(kind -> !chosen.kinds().contains(kind)).findFirst()
                .ifPresent(kind -> {
                    throw new InvalidEndpointException("kinds", "preset '" + chosen.name() + "' sends nothing for "
                            + kind + "; it sends " + chosen.kinds());
                }));
        List<FieldFilter> filters = new ArrayList<>();
        for (Map.Entry<String, String> filter : definition.filters().entrySet()) {
            try {
                filters.add(new FieldFilter(templates.field(filter.getKey()),
                        filter.getValue() == null ? "" : filter.getValue()));
            } catch (IllegalArgumentException e) {
                throw new InvalidEndpointException("filters." + filter.getKey(), e.getMessage());
            }
        }
        Duration timeout = duration("timeout", Optional.ofNullable(definition.timeout()).orElse(DEFAULT_TIMEOUT));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InvalidEndpointException("timeout", "must be longer than 0");
        }
        List<Duration> schedule = new ArrayList<>();
        List<String> delays = Optional.ofNullable(definition.retrySchedule()).orElse(DEFAULT_SCHEDULE);
        for (int i = 0; i < delays.size(); i++) {
            Duration delay = duration("retrySchedule[" + i + "]", delays.get(i));
            if (delay.isNegative()) {
                throw new InvalidEndpointException("retrySchedule[" + i + "]", "must not be negative");
            }
            schedule.add(delay);
        }
        Optional<Pattern> successBody = Optional.ofNullable(definition.successBody())
                .or(() -> preset.flatMap(Preset::successBody)).map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidEndpointException("successBody", e.getDescription());
            }
        });
        return new CrmEndpoint(key, request, kinds, tenant, timeout,
                new RetrySchedule(schedule, Optional.ofNullable(definition.retryJitter()).orElse(DEFAULT_JITTER)),
                successBody, Optional.ofNullable(definition.concurrency()).orElse(DEFAULT_CONCURRENCY),
                Optional.ofNullable(definition.rateLimit()).orElse(0), filters);
    }

    /** Without a preset: a GET of the URL, or a POST of the body template. */
    private CrmRequestTemplate plain(CrmUrlTemplate url, EndpointDefinition definition) {
        if (definition.bodyTemplate() == null) {
            if (definition.bodyFormat() != null) {
                throw new InvalidEndpointException("bodyFormat", "needs a bodyTemplate");
            }
            return new UrlGetTemplate(url);
        }
        if (definition.bodyFormat() == null) {
            throw new InvalidEndpointException("bodyFormat", "is required with a bodyTemplate: FORM, JSON or XML");
        }
        try {
            return new BodyTemplateRequest(url, templates.compileBody(definition.bodyTemplate(),
                    definition.bodyFormat()), definition.bodyFormat(), definition.headers());
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException("bodyTemplate", e.getMessage());
        }
    }

    private static Duration duration(String field, String value) {
        try {
            return DurationConverter.parseDuration(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEndpointException(field, "'" + value + "' is no duration (such as 500ms, 5s, 2m, 1h)");
        }
    }
}
