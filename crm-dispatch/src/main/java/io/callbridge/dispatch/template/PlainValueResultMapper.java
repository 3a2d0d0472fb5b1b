package io.callbridge.dispatch.template;

import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.WithPriority;

/** A value as it is, for comparing; a value the event does not have is empty. */
final class PlainValueResultMapper implements ResultMapper {

    @Override
    public int getPriority() {
        return WithPriority.DEFAULT_PRIORITY + 100;
    }

    @Override
    public String map(Object result, Expression expression) {
        return Results.isNotFound(result) ? "" : result.toString();
    }
}
