package io.callbridge.click2call.outage;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The outages that could escape an API unconverted by {@link Outages#answeredUnavailable()} (common-model already maps
 * {@link java.net.ConnectException}): 503 with a problem body rather than a bare 500.
 */
public class OutageMappers {

    @ServerExceptionMapper
    public Response closed(ClosedConnectionException e) {
        return Outages.unavailable().toResponse();
    }

    @ServerExceptionMapper
    public Response poolTooBusy(ConnectionPoolTooBusyException e) {
        return Outages.unavailable().toResponse();
    }
}
