package io.callbridge.click2call.pbx.http;

import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.TemplateNode.Origin;
import io.quarkus.qute.Variant;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * URL-encodes every value rendered into a template of the {@value #CONTENT_TYPE} variant, so that a number such as
 * {@code +972 3} or an agent id with {@code &} cannot change the shape of the PBX's URL.
 */
@Singleton
public class UrlEncodingResultMapper implements ResultMapper {

    /** The content type of the variant that marks a template as a URL. */
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    void register(@Observes EngineBuilder engine) {
        engine.addResultMapper(this);
    }

    @Override
    public boolean appliesTo(Origin origin, Object result) {
        return origin.getVariant().map(Variant::getMediaType).filter(CONTENT_TYPE::equals).isPresent();
    }

    @Override
    public String map(Object result, Expression expression) {
        // URLEncoder writes the form encoding; a space must be %20 to be read alike in a path, query or form body.
        return URLEncoder.encode(result.toString(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
