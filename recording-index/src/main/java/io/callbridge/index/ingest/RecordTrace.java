package io.callbridge.index.ingest;

import io.callbridge.common.trace.TraceParent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.apache.kafka.common.header.Header;

/**
 * The W3C trace context ({@code traceparent} header) a call event's record carries from the request that produced it
 * (call-ingest puts it there): its trace id names the event in this service's logs, and the dead-letter record keeps
 * the header (the dead-letter strategy copies every header), so a poison event can be followed from the PBX's
 * request to the dead-letter topic.
 */
final class RecordTrace {

    private RecordTrace() {
    }

    /** The trace id of the record's {@code traceparent}, or {@code "-"} when it has none or a malformed one. */
    static String traceIdOf(KafkaRecord<?, ?> record) {
        Header header = record.getHeaders() == null ? null : record.getHeaders().lastHeader(TraceParent.HEADER);
        return TraceParent.parse(header == null ? null : header.value()).map(TraceParent::traceId).orElse("-");
    }
}
