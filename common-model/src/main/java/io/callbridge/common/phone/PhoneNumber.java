package io.callbridge.common.phone;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import jakarta.validation.constraints.NotBlank;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number as a PBX sent it, plus its E.164 form when it is a real number.
 * Short internal numbers ({@code 777}, {@code 1004}) are extensions and are never "normalized".
 *
 * @param raw  exactly as received
 * @param e164 {@code +97233004799}, or null when the number is an extension or not a valid number
 * @param type what the number turned out to be
 */
public record PhoneNumber(@NotBlank String raw, String e164, Type type) {

    /** What a received number is. */
    public enum Type {
        /** A valid number in the public numbering plan; {@code e164} is set. */
        E164,
        /** A short internal number of the PBX. */
        EXTENSION,
        /** Neither: kept as received, with no E.164 form. */
        UNRECOGNIZED
    }

    /** Internal numbers are this long at most; no public number is this short. */
    public static final int MAX_EXTENSION_DIGITS = 6;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern EXTENSION = Pattern.compile("\\d{1," + MAX_EXTENSION_DIGITS + "}");
    private static final Pattern DIALABLE = Pattern.compile("\\+?[0-9 ()./-]+");

    /**
     * Reads a number as received from a source whose numbers are local to {@code defaultRegion}.
     *
     * @param raw           the number as received, e.g. {@code 033004799}, {@code 97233004799}, {@code 777}
     * @param defaultRegion ISO 3166 region of the source, e.g. {@code IL}
     */
    public static PhoneNumber parse(String raw, String defaultRegion) {
        String trimmed = raw == null ? "" : raw.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a phone number must not be empty");
        }
        if (EXTENSION.matcher(trimmed).matches()) {
            return new PhoneNumber(trimmed, null, Type.EXTENSION);
        }
        return e164Of(trimmed, defaultRegion)
                .map(e164 -> new PhoneNumber(trimmed, e164, Type.E164))
                .orElseGet(() -> new PhoneNumber(trimmed, null, Type.UNRECOGNIZED));
    }

    private static Optional<String> e164Of(String number, String region) {
        if (!DIALABLE.matcher(number).matches()) {
            return Optional.empty();
        }
        String upperRegion = region == null ? "ZZ" : region.toUpperCase(Locale.ROOT);
        return valid(number, upperRegion)
                // 97233004799: the country code written without its plus
                .or(() -> number.startsWith("+") ? Optional.empty() : valid("+" + number, "ZZ"));
    }

    private static Optional<String> valid(String number, String region) {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(number, region);
            return UTIL.isValidNumber(parsed)
                    ? Optional.of(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** A number sent as a bare string ({@code "033004799"}); {@link #resolved(String)} reads it later. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PhoneNumber received(String raw) {
        return new PhoneNumber(raw, null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static PhoneNumber of(@JsonProperty("raw") String raw, @JsonProperty("e164") String e164,
                                 @JsonProperty("type") Type type) {
        return new PhoneNumber(raw, e164, type);
    }

    /** This number read in the source's region if nobody has read it yet; as is otherwise. */
    public PhoneNumber resolved(String defaultRegion) {
        return type == null ? parse(raw, defaultRegion) : this;
    }

    /** The form used to compare numbers: E.164 when known, else the digits as received. */
    @JsonIgnore
    public String matchKey() {
        return e164 != null ? e164 : raw.replaceAll("[^0-9+]", "");
    }

    @JsonIgnore
    public boolean isExtension() {
        return type == Type.EXTENSION;
    }
}
