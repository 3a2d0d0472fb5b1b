package io.callbridge.ingest.phone;

import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.phone.RecentPhoneNumbers;

/**
 * The numbers of the notifications, read through one memory of the numbers recently read
 * ({@link RecentPhoneNumbers}), shared by every vendor's adapter: a source's DIDs and agents, and repeat callers,
 * come again and again.
 */
public final class PhoneNumbers {

    private static final RecentPhoneNumbers KNOWN = new RecentPhoneNumbers(10_000);

    private PhoneNumbers() {
    }

    /** The number as received plus its E.164 form in the region; extensions stay extensions. */
    public static PhoneNumber parse(String raw, String region) {
        return KNOWN.parse(raw, region);
    }

    /** A number nobody has read yet (sent as a bare string) read in the region; any other as it is. */
    public static PhoneNumber resolved(PhoneNumber number, String region) {
        return number.type() == null ? parse(number.raw(), region) : number;
    }
}
