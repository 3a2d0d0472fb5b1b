package io.callbridge.index.search;

import io.callbridge.common.problem.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** Reads request parameters, each failure a 400 naming the parameter. */
public final class Parameters {

    /** The vendors' time format, local to the PBX: {@code 2011-10-10 18:52:00}. */
    public static final DateTimeFormatter VENDOR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Parameters() {
    }

    /** Blank counts as absent. */
    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ProblemException.badRequest(name, "is longer than " + maxLength + " characters");
        }
        return value.trim();
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "'" + value + "' is not an ISO-8601 time such as 2024-03-05T09:41:00Z");
        }
    }

    /** A vendor time ({@code yyyy-MM-dd HH:mm:ss}) in the tenant's zone; an ISO-8601 instant is taken too. */
    public static Instant vendorTime(String name, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            return LocalDateTime.parse(trimmed, VENDOR_TIME).atZone(zone).toInstant();
        } catch (DateTimeException local) {
            try {
                return Instant.parse(trimmed);
            } catch (DateTimeParseException iso) {
                throw ProblemException.badRequest(name, "'" + value + "' is not a time such as 2011-10-10 18:52:00");
            }
        }
    }

    public static <E extends Enum<E>> E enumOf(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name,
                    "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Integer seconds(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds < 0) {
                throw ProblemException.badRequest(name, "must not be negative");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "'" + value + "' is not a whole number of seconds");
        }
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.badRequest(name, "'" + value + "' is neither true nor false");
        };
    }

    /** A page size, 1 to {@link CallSearch#MAX_PAGE_SIZE}; the default when absent. */
    public static int pageSize(String name, String value, int defaultSize) {
        if (value == null || value.isBlank()) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= CallSearch.MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below like a number out of range
        }
        throw ProblemException.badRequest(name, "'" + value + "' is not a page size from 1 to " + CallSearch.MAX_PAGE_SIZE);
    }

    /** @throws ProblemException 400 naming the first parameter the endpoint does not know */
    public static void onlyKnown(Set<String> given, Set<String> known) {
        given.stream().filter(name -> !known.contains(name)).sorted().findFirst().ifPresent(name -> {
            throw ProblemException.badRequest(name, "is not a parameter of this endpoint; known: "
                    + known.stream().sorted().toList());
        });
    }
}
