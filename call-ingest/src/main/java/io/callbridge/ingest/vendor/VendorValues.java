package io.callbridge.ingest.vendor;

import io.callbridge.common.event.Recording;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.ingest.phone.PhoneNumbers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.regex.Pattern;

/** Reading the value types every vendor sends as text: local times, seconds, numbers, recording paths. */
public final class VendorValues {

    /** {@code yyyy-MM-dd HH:mm:ss}, also with a {@code T}, without seconds, or with fractions. */
    private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private static final Pattern CLOCK = Pattern.compile("(\\d+):([0-5]?\\d)(?::([0-5]?\\d))?");

    private VendorValues() {
    }

    /**
     * A vendor's local time in the source's zone. Quotes around the value are dropped (Recall's JSONP sample sends
     * {@code "2011-10-10 18:52:00"} quoted).
     *
     * @throws ProblemException 400 naming the field when it is not such a time
     */
    public static Instant localTime(String field, String value, ZoneId zone) {
        String text = unquoted(value);
        try {
            return LocalDateTime.parse(text, LOCAL_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "'" + value + "' is not a time such as 2024-03-05 09:41:00");
        }
    }

    /** A MySQL "no date" ({@code 0000-00-00 00:00:00}) means no time was set. */
    public static boolean isZeroTime(String value) {
        return unquoted(value).startsWith("0000-00-00");
    }

    /**
     * Seconds, sent as a whole number ({@code 125}), a decimal ({@code 125.0}) or a clock ({@code 00:02:05}).
     *
     * @throws ProblemException 400 naming the field otherwise
     */
    public static int seconds(String field, String value) {
        String text = unquoted(value);
        try {
            if (isDigits(text)) {
                return Integer.parseInt(text);
            }
            int dot = text.indexOf('.');
            if (dot > 0 && isDigits(text.substring(0, dot)) && isDigits(text.substring(dot + 1))) {
                return (int) Math.round(Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, "'" + value + "' is out of range");
        }
        var clock = CLOCK.matcher(text);
        if (clock.matches()) {
            long seconds = clock.group(3) == null
                    ? Duration.ofMinutes(Long.parseLong(clock.group(1))).plusSeconds(Long.parseLong(clock.group(2))).toSeconds()
                    : Duration.ofHours(Long.parseLong(clock.group(1))).plusMinutes(Long.parseLong(clock.group(2)))
                    .plusSeconds(Long.parseLong(clock.group(3))).toSeconds();
            return (int) seconds;
        }
        throw ProblemException.badRequest(field, "'" + value + "' is not a number of seconds");
    }

    /** A number as received plus its E.164 form in the source's region; extensions stay extensions. */
    public static PhoneNumber phone(String value, String region) {
        return PhoneNumbers.parse(unquoted(value), region);
    }

    /** A recording at a full path or URL; the file name is its last segment. */
    public static Recording recording(String location, Boolean deletionProtected) {
        String trimmed = unquoted(location);
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return new Recording(trimmed, trimmed.substring(slash + 1), deletionProtected);
    }

    /** {@code true}/{@code false}, {@code 1}/{@code 0}, {@code yes}/{@code no}. */
    public static boolean bool(String field, String value) {
        return switch (unquoted(value).toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y" -> true;
            case "false", "0", "no", "n" -> false;
            default -> throw ProblemException.badRequest(field, "'" + value + "' is not true or false");
        };
    }

    /** Whether the text is one or more ASCII digits (no regular expression: this runs for every field). */
    public static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The text's ASCII letters, lower-cased, everything else dropped ({@code Not Connected} → {@code notconnected}). */
    public static String lettersOnly(String text) {
        StringBuilder letters = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                letters.append((char) (c + ('a' - 'A')));
            } else if (c >= 'a' && c <= 'z') {
                letters.append(c);
            }
        }
        return letters.toString();
    }

    public static String unquoted(String value) {
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }
}
