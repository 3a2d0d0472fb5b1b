package io.callbridge.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** The kind of system a call event came from; the instance name tells one installation from another. */
public enum SourceSystem {
    /** A canonical event posted as is to call-ingest's {@code POST /v1/events}. */
    CALLBRIDGE,
    CONVOX,
    CALL_CENTER_STUDIO,
    UIS,
    FIXDIGITAL,
    RECALL,
    /** Our own click2call, reporting a dial request's outcome. */
    CLICK2CALL;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static SourceSystem fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code().equalsIgnoreCase(code) || s.name().equalsIgnoreCase(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown source system '" + code + "'"));
    }
}
