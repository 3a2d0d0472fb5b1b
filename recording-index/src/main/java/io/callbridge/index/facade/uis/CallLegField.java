package io.callbridge.index.facade.uis;

import io.callbridge.common.event.Direction;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.search.FoundCall;
import io.callbridge.index.search.Parameters;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields of UIS's call legs report this index can give and filter on. A call is one leg here: the index keeps
 * calls, not legs, so {@code id} is the call's id like {@code call_session_id}.
 */
enum CallLegField {
    ID("id", Kind.TEXT, "c.call_id", leg -> numberIfDigits(leg.call().key.callId())),
    CALL_SESSION_ID("call_session_id", Kind.TEXT, "c.call_id", leg -> numberIfDigits(leg.call().key.callId())),
    START_TIME("start_time", Kind.TIME, "c.call_time", null),
    DIRECTION("direction", Kind.DIRECTION, "c.direction", leg -> directionOf(leg.call().direction)),
    IS_TALKED("is_talked", Kind.BOOLEAN, "(c.answered_at IS NOT NULL OR coalesce(c.talk_seconds, 0) > 0)",
            leg -> leg.call().answeredAt != null || (leg.call().talkSeconds != null && leg.call().talkSeconds > 0)),
    IS_LOST("is_lost", Kind.BOOLEAN, "coalesce(c.outcome = 'MISSED', false)",
            leg -> leg.call().outcome == io.callbridge.common.event.Outcome.MISSED),
    EMPLOYEE_ID("employee_id", Kind.TEXT, "c.employee_id", leg -> numberIfDigits(leg.call().employeeId)),
    CONTACT_PHONE_NUMBER("contact_phone_number", Kind.PHONE, "c.customer_match_key",
            leg -> digits(leg.call().customerE164, leg.call().customerRaw)),
    CALLED_PHONE_NUMBER("called_phone_number", Kind.PHONE,
            "(CASE WHEN c.direction = 'OUTBOUND' THEN c.customer_match_key ELSE c.did_match_key END)",
            leg -> leg.call().direction == Direction.OUTBOUND
                    ? digits(leg.call().customerE164, leg.call().customerRaw)
                    : digits(leg.call().didE164, leg.call().didRaw)),
    VIRTUAL_PHONE_NUMBER("virtual_phone_number", Kind.PHONE, "c.did_match_key",
            leg -> digits(leg.call().didE164, leg.call().didRaw)),
    RELEASE_CAUSE_CODE("release_cause_code", Kind.TEXT, "c.release_cause",
            leg -> numberIfDigits(leg.call().releaseCause)),
    TOTAL_DURATION("total_duration", Kind.INTEGER, "c.total_seconds", leg -> leg.call().totalSeconds),
    DURATION("duration", Kind.INTEGER, "c.talk_seconds", leg -> leg.call().talkSeconds),
    CALL_RECORDS("call_records", Kind.NOT_FILTERABLE, null,
            leg -> leg.recordings().stream().map(recording -> recording.location).toList());

    /** How a field's values are compared. */
    enum Kind { TEXT, INTEGER, TIME, BOOLEAN, DIRECTION, PHONE, NOT_FILTERABLE }

    /** 003's request asks for {@code call_seesion_id}: read as {@code call_session_id}, answered under its name. */
    private static final Map<String, CallLegField> BY_NAME = byName();

    final String name;
    final Kind kind;
    /** A fixed SQL expression over {@code call c}. */
    final String column;
    private final Function<FoundCall, Object> value;

    CallLegField(String name, Kind kind, String column, Function<FoundCall, Object> value) {
        this.name = name;
        this.kind = kind;
        this.column = column;
        this.value = value;
    }

    static Optional<CallLegField> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static String known() {
        return BY_NAME.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    Object valueOf(FoundCall leg, ZoneId zone) {
        if (this == START_TIME) {
            IndexedCall call = leg.call();
            return Parameters.VENDOR_TIME.format(call.callTime.atZone(zone));
        }
        return value.apply(leg);
    }

    private static Map<String, CallLegField> byName() {
        Map<String, CallLegField> names = Arrays.stream(values())
                .collect(Collectors.toMap(field -> field.name, field -> field));
        names.put("call_seesion_id", CALL_SESSION_ID);
        return Map.copyOf(names);
    }

    private static Object numberIfDigits(String value) {
        return value != null && value.matches("\\d{1,18}") ? (Object) Long.parseLong(value) : value;
    }

    /** UIS writes numbers as digits with the country code and no plus: {@code 79262000600}. */
    private static String digits(String e164, String raw) {
        return e164 != null ? e164.substring(1) : raw;
    }

    private static String directionOf(Direction direction) {
        if (direction == null) {
            return null;
        }
        return switch (direction) {
            case INBOUND -> "in";
            case OUTBOUND -> "out";
            case INTERNAL -> "internal";
        };
    }
}
