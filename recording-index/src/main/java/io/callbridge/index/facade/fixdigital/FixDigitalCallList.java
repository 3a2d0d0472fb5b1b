package io.callbridge.index.facade.fixdigital;

import java.util.List;

/**
 * FixDigital's answer envelope, as its callbacks use it.
 *
 * @param success always true: failures are problem answers
 * @param result  the calls, newest first
 */
public record FixDigitalCallList(boolean success, List<FixDigitalCall> result) {
}
