package io.callbridge.index.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbridge.common.event.CallContext;
import io.callbridge.common.event.CallDetails;
import io.callbridge.common.event.CallDurations;
import io.callbridge.common.event.CallMode;
import io.callbridge.common.event.CallSource;
import io.callbridge.common.event.Direction;
import io.callbridge.common.event.Outcome;
import io.callbridge.common.event.SourceSystem;
import io.callbridge.index.search.CallSearch;
import io.callbridge.infra.quarkus.KafkaTestResource;
import io.callbridge.infra.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The page written by hand is the JSON the application's ObjectMapper writes for it, byte for byte. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class CallListWriterTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    CallListWriter writer;

    @Test
    void everyMemberIsWrittenAsTheObjectMapperWritesIt() throws Exception {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("CALL_DURATION", "200");
        raw.put("quote\"back\\slash", "tab\tnew\nline \u0001 h\u00e9bre\u05d0 \ud83d\udcde");
        raw.put("empty", null);
        CallView full = new CallView(
                new CallView.Ids("cv-1", "acme", new CallSource(SourceSystem.values()[0], "pbx-1")),
                new CallView.Times(Instant.parse("2024-03-05T09:41:00Z"), Instant.parse("2024-03-05T09:41:05.123Z"),
                        Instant.parse("2024-03-05T09:44:20.000000789Z"), Instant.parse("2024-03-05T09:41:00Z"),
                        Instant.parse("2024-03-05T09:44:20Z")),
                new CallView.Parties(new CallView.Number("033004799", "+97233004799", "+97233004799"),
                        new CallView.Number("1004", null, "1004"), "777", "a-7", "13007", "st-1"),
                new CallDetails(Direction.INBOUND, CallMode.PREDICTIVE, Outcome.ANSWERED, "CUSTOMER", "16"),
                new CallDurations(3, 5, 188, 200),
                new CallContext("sales", "p", "l-1", "lead-1", "REF-1", "Interested", "dd", Instant.parse("2024-03-06T10:00:00Z")),
                List.of(new CallView.RecordingView(7, "/rec/a b.wav", "a b.wav", true),
                        new CallView.RecordingView(Long.MAX_VALUE, "/rec/x.wav", null, null)),
                raw,
                3);
        CallView sparse = new CallView(
                new CallView.Ids("cv-2", "acme", new CallSource(null, null)),
                new CallView.Times(null, null, null, null, null),
                new CallView.Parties(null, null, null, null, null, null),
                new CallDetails(null, null, null, null, null),
                new CallDurations(null, null, null, null),
                new CallContext(null, null, null, null, null, null, null, null),
                List.of(),
                Map.of(),
                0);
        CallView nulls = new CallView(null, null, null, null, null, null, null, null, 1);

        for (CallList list : List.of(new CallList(List.of(full, sparse, nulls), "YzE6MTcxNDU1NzYwMDowOmN2LTE3"),
                new CallList(List.of(), null), new CallList(List.of(sparse), null),
                // larger than the generator's buffer: flushed more than once
                new CallList(Collections.nCopies(CallSearch.MAX_PAGE_SIZE, full), "YzE6MTcxNDU1NzYwMDowOmN2LTE3"))) {
            // as bytes, as the REST layer's Jackson writer wrote the page (UTF-8, a character outside the BMP escaped)
            assertThat(new String(writer.toJson(list), StandardCharsets.UTF_8))
                    .isEqualTo(new String(mapper.writeValueAsBytes(list), StandardCharsets.UTF_8));
        }
    }
}
