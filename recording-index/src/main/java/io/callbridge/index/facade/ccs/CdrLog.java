package io.callbridge.index.facade.ccs;

import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.search.FoundCall;
import io.callbridge.index.search.Parameters;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * One call of a Call Center Studio CDR log. The document names only {@code activecallkey}, {@code startdate} and
 * {@code finishdate}; the other names follow its lower-case style (see the module README).
 *
 * @param activecallkey the unique id of the call
 * @param startdate     when it started, {@code yyyy-MM-dd HH:mm:ss} in the tenant's zone
 * @param answerdate    when it was answered, or null
 * @param finishdate    when it ended, or null
 * @param direction     inbound, outbound or internal
 * @param phonenumber   the customer's number as the PBX sent it
 * @param did           the number dialed by the customer, or shown on an outbound call
 * @param extension     the agent's extension
 * @param agent         the agent's login
 * @param queue         the queue
 * @param result        answered, missed, not_connected, busy or failed
 * @param disposition   the agent's disposition
 * @param duration      total seconds
 * @param talkduration  seconds of conversation
 * @param recordings    the full paths or URLs of its recordings
 */
public record CdrLog(String activecallkey, String startdate, String answerdate, String finishdate, String direction,
                     String phonenumber, String did, String extension, String agent, String queue, String result,
                     String disposition, Integer duration, Integer talkduration, List<String> recordings) {

    static CdrLog of(FoundCall found, ZoneId zone) {
        IndexedCall call = found.call();
        return new CdrLog(call.key.callId(), local(call.callTime, zone), local(call.answeredAt, zone),
                local(call.endedAt, zone), lower(call.direction), call.customerRaw, call.didRaw, call.extension,
                call.agentId, call.queueName, lower(call.outcome), call.disposition, call.totalSeconds,
                call.talkSeconds, found.recordings().stream().map(recording -> recording.location).toList());
    }

    private static String local(Instant time, ZoneId zone) {
        return time == null ? null : Parameters.VENDOR_TIME.format(time.atZone(zone));
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
