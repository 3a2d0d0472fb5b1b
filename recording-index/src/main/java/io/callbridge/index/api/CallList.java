package io.callbridge.index.api;

import java.util.List;

/**
 * A page of calls.
 *
 * @param calls      newest first (ties by call id)
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record CallList(List<CallView> calls, String nextCursor) {
}
