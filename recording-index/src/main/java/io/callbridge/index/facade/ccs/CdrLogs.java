package io.callbridge.index.facade.ccs;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer of {@code reportsCDRLogs}.
 *
 * @param cursor   always given: passed back, the next answer continues after the last call of this one (and later
 *                 calls, as they come, when the range is open)
 * @param callList the calls, oldest first; empty when none matches
 */
public record CdrLogs(String cursor, @JsonProperty("CallList") List<CdrLog> callList) {
}
