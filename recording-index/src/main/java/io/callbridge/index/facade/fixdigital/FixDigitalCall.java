package io.callbridge.index.facade.fixdigital;

import io.callbridge.common.event.Direction;
import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.search.FoundCall;
import io.callbridge.index.search.Parameters;

import java.time.ZoneId;

/**
 * One row of FixDigital's call list, with the columns of its SQL example.
 *
 * @param time     when the call started, {@code yyyy-MM-dd HH:mm:ss} in the tenant's zone
 * @param ext      the phone extension
 * @param number   the customer's number as the PBX sent it
 * @param duration total seconds of the call
 * @param filename the full path of the call's recording, or null
 * @param incoming 1 for an inbound call, 0 otherwise (a MySQL boolean, as the example's table would give)
 */
public record FixDigitalCall(String time, String ext, String number, Integer duration, String filename,
                             int incoming) {

    static FixDigitalCall of(FoundCall found, ZoneId zone) {
        IndexedCall call = found.call();
        return new FixDigitalCall(
                Parameters.VENDOR_TIME.format(call.callTime.atZone(zone)),
                call.extension,
                call.customerRaw,
                call.totalSeconds != null ? call.totalSeconds : call.talkSeconds,
                found.recordings().isEmpty() ? null : found.recordings().get(0).location,
                call.direction == Direction.INBOUND ? 1 : 0);
    }
}
