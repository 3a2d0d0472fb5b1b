package io.callbridge.index.search;

import io.callbridge.index.call.IndexedCall;
import io.callbridge.index.call.IndexedRecording;

import java.util.List;

/**
 * A call a query found, with its recordings.
 *
 * @param call       the call
 * @param recordings its recordings, in the order they became known
 */
public record FoundCall(IndexedCall call, List<IndexedRecording> recordings) {
}
