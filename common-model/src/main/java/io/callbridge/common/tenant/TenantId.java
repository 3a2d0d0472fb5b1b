package io.callbridge.common.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tenant that owns a source, its CRM endpoints, API keys and records (the documents' {@code ClientId}).
 * Serialized as its plain string value.
 */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TenantId {
        Objects.requireNonNull(value, "tenant");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a tenant id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
