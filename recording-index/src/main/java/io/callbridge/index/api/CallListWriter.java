package io.callbridge.index.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallSource;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a page of calls ({@code GET /v1/calls}) with Jackson's streaming generator, member by member, into one
 * buffer sized for the page: the same JSON as the application's {@link ObjectMapper} writes (the same members, order,
 * nulls and formats; {@code CallListWriterTest} compares the two), without the data-binding serializers, which were
 * about a fifth of the service's CPU per search. A change to {@link CallList} or {@link CallView} must be made here
 * too; the test fails until it is.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class CallListWriter implements ServerMessageBodyWriter<CallList> {

    /** About what one call takes, so that a page is written without growing the buffer. */
    private static final int BYTES_PER_CALL = 900;

    private final JsonFactory json;

    public CallListWriter(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    /** The page as JSON, UTF-8. */
    public byte[] toJson(CallList list) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(64 + BYTES_PER_CALL * list.calls().size());
        try (JsonGenerator out = json.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeArrayFieldStart("calls");
            for (CallView call : list.calls()) {
                write(out, call);
            }
            out.writeEndArray();
            out.writeStringField("nextCursor", list.nextCursor());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator out, CallView call) throws IOException {
        out.writeStartObject();
        CallView.Ids ids = call.ids();
        if (object(out, "ids", ids)) {
            out.writeStringField("callId", ids.callId());
            out.writeStringField("tenant", ids.tenant());
            CallSource source = ids.source();
            if (object(out, "source", source)) {
                out.writeStringField("system", source.system() == null ? null : source.system().code());
                out.writeStringField("instance", source.instance());
                out.writeEndObject();
            }
            out.writeEndObject();
        }
        CallView.Times times = call.times();
        if (object(out, "times", times)) {
            instant(out, "startedAt", times.startedAt());
            instant(out, "answeredAt", times.answeredAt());
            instant(out, "endedAt", times.endedAt());
            instant(out, "firstEventAt", times.firstEventAt());
            instant(out, "lastEventAt", times.lastEventAt());
            out.writeEndObject();
        }
        CallView.Parties parties = call.parties();
        if (object(out, "parties", parties)) {
            number(out, "customer", parties.customer());
            number(out, "did", parties.did());
            out.writeStringField("extension", parties.extension());
            out.writeStringField("agentId", parties.agentId());
            out.writeStringField("employeeId", parties.employeeId());
            out.writeStringField("station", parties.station());
            out.writeEndObject();
        }
        CallDetails details = call.call();
        if (object(out, "call", details)) {
            name(out, "direction", details.direction());
            name(out, "mode", details.mode());
            name(out, "outcome", details.outcome());
            out.writeStringField("completedBy", details.completedBy());
            out.writeStringField("releaseCause", details.releaseCause());
            out.writeEndObject();
        }
        CallDurations durations = call.durations();
        if (object(out, "durations", durations)) {
            integer(out, "queue", durations.queue());
            integer(out, "ring", durations.ring());
            integer(out, "talk", durations.talk());
            integer(out, "total", durations.total());
            out.writeEndObject();
        }
        CallContext context = call.context();
        if (object(out, "context", context)) {
            out.writeStringField("queueName", context.queueName());
            out.writeStringField("process", context.process());
            out.writeStringField("listId", context.listId());
            out.writeStringField("leadId", context.leadId());
            out.writeStringField("callReferenceId", context.callReferenceId());
            out.writeStringField("disposition", context.disposition());
            out.writeStringField("dialerDisposition", context.dialerDisposition());
            instant(out, "followUpAt", context.followUpAt());
            out.writeEndObject();
        }
        if (call.recordings() == null) {
            out.writeNullField("recordings");
        } else {
            out.writeArrayFieldStart("recordings");
            for (CallView.RecordingView recording : call.recordings()) {
                out.writeStartObject();
                out.writeNumberField("id", recording.id());
                out.writeStringField("location", recording.location());
                out.writeStringField("fileName", recording.fileName());
                if (recording.deletionProtected() == null) {
                    out.writeNullField("deletionProtected");
                } else {
                    out.writeBooleanField("deletionProtected", recording.deletionProtected());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (object(out, "raw", call.raw())) {
            for (Map.Entry<String, String> entry : call.raw().entrySet()) {
                out.writeStringField(entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
        }
        out.writeNumberField("eventCount", call.eventCount());
        out.writeEndObject();
    }

    /** Starts the member's object and says so, or writes it null. */
    private static boolean object(JsonGenerator out, String name, Object value) throws IOException {
        if (value == null) {
            out.writeNullField(name);
            return false;
        }
        out.writeObjectFieldStart(name);
        return true;
    }

    private static void number(JsonGenerator out, String name, CallView.Number number) throws IOException {
        if (object(out, name, number)) {
            out.writeStringField("raw", number.raw());
            out.writeStringField("e164", number.e164());
            out.writeStringField("matchKey", number.matchKey());
            out.writeEndObject();
        }
    }

    /** ISO-8601 in UTC, as Jackson's {@code InstantSerializer} writes it ({@code DateTimeFormatter.ISO_INSTANT}). */
    private static void instant(JsonGenerator out, String name, Instant value) throws IOException {
        out.writeStringField(name, value == null ? null : value.toString());
    }

    private static void name(JsonGenerator out, String name, Enum<?> value) throws IOException {
        out.writeStringField(name, value == null ? null : value.name());
    }

    private static void integer(JsonGenerator out, String name, Integer value) throws IOException {
        if (value == null) {
            out.writeNullField(name);
        } else {
            out.writeNumberField(name, value.intValue());
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return CallList.class.equals(type);
    }

    @Override
    public void writeResponse(CallList list, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(toJson(list));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CallList.class.equals(type);
    }

    @Override
    public void writeTo(CallList list, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream entityStream) throws IOException {
        entityStream.write(toJson(list));
    }
}
