package io.callbridge.common.phone;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PhoneNumber#parse} with a memory of the numbers recently read. Parsing and validating a number
 * (libphonenumber) is the dearest step of reading a notification or a lookup, and the same numbers come again and
 * again: a source's DIDs, its agents, repeat callers, a CRM refreshing its screen. The values are immutable and
 * depend only on the region and the text; the memory is bounded by emptying it when full, which costs one re-parse
 * per number. A number that does not parse is not kept: it fails the same way each time.
 */
public final class RecentPhoneNumbers {

    private final int capacity;
    private final Map<String, PhoneNumber> known = new ConcurrentHashMap<>();

    /** @param capacity how many numbers are kept; 0 or less: none, every number is parsed */
    public RecentPhoneNumbers(int capacity) {
        this.capacity = capacity;
    }

    /** {@link PhoneNumber#parse}, answered from memory when the same text was read in the same region. */
    public PhoneNumber parse(String raw, String region) {
        if (capacity <= 0) {
            return PhoneNumber.parse(raw, region);
        }
        String key = region + '|' + raw;
        PhoneNumber number = known.get(key);
        if (number == null) {
            number = PhoneNumber.parse(raw, region);
            if (known.size() >= capacity) {
                known.clear();
            }
            known.put(key, number);
        }
        return number;
    }
}
