package io.callbridge.click2call.pbx;

import io.callbridge.common.dial.DialRequest;

/**
 * One call to place.
 *
 * @param request  the CRM's request
 * @param pbxAgent the agent as the PBX knows it: the extension, ConVox agent id or UIS employee id the tenant's
 *                 configuration maps the CRM's agent to
 */
public record PbxCall(DialRequest request, String pbxAgent) {
}
