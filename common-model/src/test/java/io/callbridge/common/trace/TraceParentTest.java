package io.callbridge.common.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentTest {

    /** The example of the W3C Trace Context recommendation. */
    private static final String W3C_EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theW3cExampleIsReadWithItsTraceId() {
        TraceParent parent = TraceParent.parse(" " + W3C_EXAMPLE + " ").orElseThrow();

        assertThat(parent.value()).isEqualTo(W3C_EXAMPLE);
        assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.parse(W3C_EXAMPLE.getBytes(StandardCharsets.US_ASCII))).contains(parent);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
    void aMalformedValueIsIgnored(String header) {
        assertThat(TraceParent.parse(header)).isEmpty();
    }

    @Test
    void aLaterVersionMayCarryMoreFields() {
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future")).isPresent();
    }

    @Test
    void aChildKeepsTheTraceAndFlagsWithANewParent() {
        TraceParent parent = TraceParent.parse(W3C_EXAMPLE).orElseThrow();

        TraceParent child = parent.child();

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.value()).endsWith("-01").isNotEqualTo(parent.value());
        assertThat(TraceParent.parse(child.value())).contains(child);
    }

    @Test
    void aNewTraceIsWellFormedAndSampled() {
        TraceParent first = TraceParent.newTrace();

        assertThat(TraceParent.parse(first.value())).contains(first);
        assertThat(first.value()).startsWith("00-").endsWith("-01");
        assertThat(TraceParent.newTrace().traceId()).isNotEqualTo(first.traceId());
    }
}
