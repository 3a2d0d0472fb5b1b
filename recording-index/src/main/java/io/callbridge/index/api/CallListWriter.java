package io.callbridge.index.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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
import java.util.Arrays;
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

    /*
     * The members' names, quoted and encoded once: written as bytes, where a name given as a string is checked for
     * characters to escape on every call (with the values' own check, a tenth of the service's CPU per search).
     */
    private static final SerializableString NEXT_CURSOR = new SerializedString("nextCursor");
    private static final SerializableString CALL_ID = new SerializedString("callId");
    private static final SerializableString TENANT = new SerializedString("tenant");
    private static final SerializableString SYSTEM = new SerializedString("system");
    private static final SerializableString INSTANCE = new SerializedString("instance");
    private static final SerializableString EXTENSION = new SerializedString("extension");
    private static final SerializableString AGENT_ID = new SerializedString("agentId");
    private static final SerializableString EMPLOYEE_ID = new SerializedString("employeeId");
    private static final SerializableString STATION = new SerializedString("station");
    private static final SerializableString COMPLETED_BY = new SerializedString("completedBy");
    private static final SerializableString RELEASE_CAUSE = new SerializedString("releaseCause");
    private static final SerializableString QUEUE_NAME = new SerializedString("queueName");
    private static final SerializableString PROCESS = new SerializedString("process");
    private static final SerializableString LIST_ID = new SerializedString("listId");
    private static final SerializableString LEAD_ID = new SerializedString("leadId");
    private static final SerializableString CALL_REFERENCE_ID = new SerializedString("callReferenceId");
    private static final SerializableString DISPOSITION = new SerializedString("disposition");
    private static final SerializableString DIALER_DISPOSITION = new SerializedString("dialerDisposition");
    private static final SerializableString LOCATION = new SerializedString("location");
    private static final SerializableString FILE_NAME = new SerializedString("fileName");
    private static final SerializableString RAW = new SerializedString("raw");
    private static final SerializableString E164 = new SerializedString("e164");
    private static final SerializableString MATCH_KEY = new SerializedString("matchKey");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString EVENT_COUNT = new SerializedString("eventCount");
    private static final SerializableString DELETION_PROTECTED = new SerializedString("deletionProtected");
    private static final SerializableString RECORDINGS = new SerializedString("recordings");
    private static final SerializableString CALLS = new SerializedString("calls");
    private static final SerializableString IDS = new SerializedString("ids");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString TIMES = new SerializedString("times");
    private static final SerializableString STARTED_AT = new SerializedString("startedAt");
    private static final SerializableString ANSWERED_AT = new SerializedString("answeredAt");
    private static final SerializableString ENDED_AT = new SerializedString("endedAt");
    private static final SerializableString FIRST_EVENT_AT = new SerializedString("firstEventAt");
    private static final SerializableString LAST_EVENT_AT = new SerializedString("lastEventAt");
    private static final SerializableString PARTIES = new SerializedString("parties");
    private static final SerializableString CUSTOMER = new SerializedString("customer");
    private static final SerializableString DID = new SerializedString("did");
    private static final SerializableString CALL = new SerializedString("call");
    private static final SerializableString DIRECTION = new SerializedString("direction");
    private static final SerializableString MODE = new SerializedString("mode");
    private static final SerializableString OUTCOME = new SerializedString("outcome");
    private static final SerializableString DURATIONS = new SerializedString("durations");
    private static final SerializableString QUEUE = new SerializedString("queue");
    private static final SerializableString RING = new SerializedString("ring");
    private static final SerializableString TALK = new SerializedString("talk");
    private static final SerializableString TOTAL = new SerializedString("total");
    private static final SerializableString CONTEXT = new SerializedString("context");
    private static final SerializableString FOLLOW_UP_AT = new SerializedString("followUpAt");

    private final JsonFactory json;

    public CallListWriter(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    /** The page as JSON, UTF-8. */
    public byte[] toJson(CallList list) {
        Flushed bytes = new Flushed();
        try (JsonGenerator out = json.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeFieldName(CALLS);
            out.writeStartArray();
            for (CallView call : list.calls()) {
                write(out, call);
            }
            out.writeEndArray();
            string(out, NEXT_CURSOR, list.nextCursor());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * What the generator flushes from its own buffer (8,000 bytes): a page of usual size comes in one flush, kept as
     * one array of its exact size, where a builder would allocate a block and then copy it out.
     */
    private static final class Flushed extends OutputStream {

        private byte[] single;
        private ByteArrayBuilder more;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (single == null && more == null) {
                single = Arrays.copyOfRange(bytes, offset, offset + length);
                return;
            }
            if (more == null) {
                more = new ByteArrayBuilder(2 * single.length + length);
                more.write(single);
                single = null;
            }
            more.write(bytes, offset, length);
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        byte[] toByteArray() {
            if (more != null) {
                return more.toByteArray();
            }
            return single == null ? new byte[0] : single;
        }
    }

    private static void write(JsonGenerator out, CallView call) throws IOException {
        out.writeStartObject();
        CallView.Ids ids = call.ids();
        if (object(out, IDS, ids)) {
            string(out, CALL_ID, ids.callId());
            string(out, TENANT, ids.tenant());
            CallSource source = ids.source();
            if (object(out, SOURCE, source)) {
                string(out, SYSTEM, source.system() == null ? null : source.system().code());
                string(out, INSTANCE, source.instance());
                out.writeEndObject();
            }
            out.writeEndObject();
        }
        CallView.Times times = call.times();
        if (object(out, TIMES, times)) {
            instant(out, STARTED_AT, times.startedAt());
            instant(out, ANSWERED_AT, times.answeredAt());
            instant(out, ENDED_AT, times.endedAt());
            instant(out, FIRST_EVENT_AT, times.firstEventAt());
            instant(out, LAST_EVENT_AT, times.lastEventAt());
            out.writeEndObject();
        }
        CallView.Parties parties = call.parties();
        if (object(out, PARTIES, parties)) {
            number(out, CUSTOMER, parties.customer());
            number(out, DID, parties.did());
            string(out, EXTENSION, parties.extension());
            string(out, AGENT_ID, parties.agentId());
            string(out, EMPLOYEE_ID, parties.employeeId());
            string(out, STATION, parties.station());
            out.writeEndObject();
        }
        CallDetails details = call.call();
        if (object(out, CALL, details)) {
            name(out, DIRECTION, details.direction());
            name(out, MODE, details.mode());
            name(out, OUTCOME, details.outcome());
            string(out, COMPLETED_BY, details.completedBy());
            string(out, RELEASE_CAUSE, details.releaseCause());
            out.writeEndObject();
        }
        CallDurations durations = call.durations();
        if (object(out, DURATIONS, durations)) {
            integer(out, QUEUE, durations.queue());
            integer(out, RING, durations.ring());
            integer(out, TALK, durations.talk());
            integer(out, TOTAL, durations.total());
            out.writeEndObject();
        }
        CallContext context = call.context();
        if (object(out, CONTEXT, context)) {
            string(out, QUEUE_NAME, context.queueName());
            string(out, PROCESS, context.process());
            string(out, LIST_ID, context.listId());
            string(out, LEAD_ID, context.leadId());
            string(out, CALL_REFERENCE_ID, context.callReferenceId());
            string(out, DISPOSITION, context.disposition());
            string(out, DIALER_DISPOSITION, context.dialerDisposition());
            instant(out, FOLLOW_UP_AT, context.followUpAt());
            out.writeEndObject();
        }
        if (call.recordings() == null) {
            out.writeFieldName(RECORDINGS);
            out.writeNull();
        } else {
            out.writeFieldName(RECORDINGS);
            out.writeStartArray();
            for (CallView.RecordingView recording : call.recordings()) {
                out.writeStartObject();
                numberField(out, ID, recording.id());
                string(out, LOCATION, recording.location());
                string(out, FILE_NAME, recording.fileName());
                if (recording.deletionProtected() == null) {
                    out.writeFieldName(DELETION_PROTECTED);
            out.writeNull();
                } else {
                    booleanField(out, DELETION_PROTECTED, recording.deletionProtected());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        if (object(out, RAW, call.raw())) {
            for (Map.Entry<String, String> entry : call.raw().entrySet()) {
                out.writeStringField(entry.getKey(), entry.getValue()); // names of the vendors' own
            }
            out.writeEndObject();
        }
        numberField(out, EVENT_COUNT, call.eventCount());
        out.writeEndObject();
    }

    /** Starts the member's object and says so, or writes it null. */
    private static boolean object(JsonGenerator out, SerializableString name, Object value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
            return false;
        }
        out.writeStartObject();
        return true;
    }

    private static void string(JsonGenerator out, SerializableString name, String value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void numberField(JsonGenerator out, SerializableString name, long value) throws IOException {
        out.writeFieldName(name);
        out.writeNumber(value);
    }

    private static void booleanField(JsonGenerator out, SerializableString name, boolean value) throws IOException {
        out.writeFieldName(name);
        out.writeBoolean(value);
    }

    private static void number(JsonGenerator out, SerializableString name, CallView.Number number) throws IOException {
        if (object(out, name, number)) {
            string(out, RAW, number.raw());
            string(out, E164, number.e164());
            string(out, MATCH_KEY, number.matchKey());
            out.writeEndObject();
        }
    }

    /**
     * ISO-8601 in UTC, as Jackson's {@code InstantSerializer} writes it ({@code DateTimeFormatter.ISO_INSTANT}, which
     * is {@link Instant#toString}), composed digit by digit: the formatter builds a date-time, a string builder and a
     * string per instant, five instants per call.
     */
    private static void instant(JsonGenerator out, SerializableString name, Instant value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
            return;
        }
        char[] text = new char[30];
        int length = isoInstant(value, text);
        if (length < 0) {
            out.writeString(value.toString());
        } else {
            out.writeString(text, 0, length);
        }
    }

    /**
     * Writes {@code yyyy-MM-ddTHH:mm:ss[.SSS|.SSSSSS|.SSSSSSSSS]Z} into {@code text} and returns its length, or -1
     * for a year outside 0000 to 9999 (left to {@link Instant#toString}, which signs it).
     */
    static int isoInstant(Instant value, char[] text) {
        long seconds = value.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // The civil date of a day count (H. Hinnant, "chrono-compatible low-level date algorithms"), in 400-year eras.
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9_999) {
            return -1;
        }
        digits(text, 0, (int) year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int at = 19;
        int nano = value.getNano();
        if (nano > 0) {
            text[at++] = '.';
            // as ISO_INSTANT: as many groups of three digits as the fraction needs
            if (nano % 1_000_000 == 0) {
                digits(text, at, nano / 1_000_000, 3);
                at += 3;
            } else if (nano % 1_000 == 0) {
                digits(text, at, nano / 1_000, 6);
                at += 6;
            } else {
                digits(text, at, nano, 9);
                at += 9;
            }
        }
        text[at++] = 'Z';
        return at;
    }

    /** The value's last {@code count} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static void name(JsonGenerator out, SerializableString name, Enum<?> value) throws IOException {
        string(out, name, value == null ? null : value.name());
    }

    private static void integer(JsonGenerator out, SerializableString name, Integer value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value.intValue());
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
