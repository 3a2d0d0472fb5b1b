package io.callbridge.click2call.pbx.http;

import io.callbridge.common.dial.DialRequest;
import io.quarkus.qute.TemplateData;

/**
 * The values a PBX URL template can use; each is a plain string so that the URL-encoding applies to all alike.
 *
 * @param agent     the agent's extension or id, as the PBX knows it
 * @param number    the number to dial, in its forms
 * @param tenant    the tenant id (the documents' {@code ClientId})
 * @param requestId our id of the dial request
 * @param callerId  the number to show to the called party; null renders empty
 */
@TemplateData
public record DialTemplateData(String agent, DialedNumber number, String tenant, String requestId, String callerId) {

    /**
     * @param raw    as the CRM sent it, e.g. {@code 033004799}
     * @param e164   e.g. {@code +97233004799}
     * @param digits {@code raw} without anything but its digits, e.g. {@code 03-300-4799} → {@code 033004799}
     */
    @TemplateData
    public record DialedNumber(String raw, String e164, String digits) {
    }

    /** @param pbxAgent the agent as the PBX knows it, what {@code {agent}} renders */
    public static DialTemplateData of(DialRequest request, String pbxAgent) {
        String raw = request.number().raw();
        return new DialTemplateData(
                pbxAgent,
                new DialedNumber(raw, request.number().e164(), raw.replaceAll("\\D", "")),
                request.tenant().value(),
                request.requestId().toString(),
                request.callerId());
    }
}
