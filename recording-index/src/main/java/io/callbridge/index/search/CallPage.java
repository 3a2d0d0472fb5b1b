package io.callbridge.index.search;

import java.util.List;
import java.util.Optional;

/**
 * One page of calls.
 *
 * @param calls the calls, in the page's order
 * @param next  where the next page starts, when there are more calls
 * @param last  the position of the page's last call, or the position the page started after when it is empty
 */
public record CallPage(List<FoundCall> calls, Optional<CallPosition> next, Optional<CallPosition> last) {
}
