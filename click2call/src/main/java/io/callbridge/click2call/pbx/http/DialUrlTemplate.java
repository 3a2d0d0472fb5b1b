package io.callbridge.click2call.pbx.http;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.smallrye.mutiny.Uni;

/** A PBX click-to-call URL template, parsed once; every value it renders is URL-encoded. */
public final class DialUrlTemplate {

    private static final Variant URL = Variant.forContentType(UrlEncodingResultMapper.CONTENT_TYPE);

    /** Fills every value, so that a trial render at start finds each name the template misspells. */
    private static final DialTemplateData TRIAL = new DialTemplateData("777",
            new DialTemplateData.DialedNumber("033004799", "+97233004799", "033004799"),
            "10", "00000000-0000-0000-0000-000000000000", "035551234");

    private final Template template;

    /**
     * @param engine the application's Qute engine, which holds {@link UrlEncodingResultMapper}
     * @param source the template text
     * @throws IllegalArgumentException when the template is malformed or names a value that does not exist
     */
    public DialUrlTemplate(Engine engine, String source) {
        try {
            this.template = engine.parse(source, URL, "callbridge.click2call.pbx.url-template");
            template.data(TRIAL).render();
        } catch (TemplateException e) {
            throw new IllegalArgumentException("The PBX URL template cannot be used: " + e.getMessage(), e);
        }
    }

    /** The URL for one dial. */
    public Uni<String> render(DialTemplateData data) {
        return template.data(data).createUni();
    }
}
