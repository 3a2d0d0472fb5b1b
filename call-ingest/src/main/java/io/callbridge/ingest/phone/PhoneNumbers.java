package io.callbridge.ingest.phone;

import io.callbridge.common.phone.PhoneNumber;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PhoneNumber#parse} with a memory of the numbers recently read. Parsing and validating a number
 * (libphonenumber) is the dearest step of most notifications, and the same numbers come again and again: a
 * source's DIDs, its agents, repeat callers. The values are immutable; the memory is bounded by emptying it when
 * full, which costs one re-parse per number.
 */
public final class PhoneNumbers {

    private static final int CAPACITY = 10_000;
    private static final Map<String, PhoneNumber> KNOWN = new ConcurrentHashMap<>();

    private PhoneNumbers() {
    }

    /** The number as received plus its E.164 form in the region; extensions stay extensions. */
    public static PhoneNumber parse(String raw, String region) {
        String key = region + '|' + raw;
        PhoneNumber known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        PhoneNumber parsed = PhoneNumber.parse(raw, region);
        if (KNOWN.size() >= CAPACITY) {
            KNOWN.clear();
        }
        KNOWN.put(key, parsed);
        return parsed;
    }

    /** A number nobody has read yet (sent as a bare string) read in the region; any other as it is. */
    public static PhoneNumber resolved(PhoneNumber number, String region) {
        return number.type() == null ? parse(number.raw(), region) : number;
    }
}
