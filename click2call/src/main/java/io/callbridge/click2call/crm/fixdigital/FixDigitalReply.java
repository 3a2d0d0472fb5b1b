package io.callbridge.click2call.crm.fixdigital;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * FixDigital's answer shape, {@code {"success":true,"result":[]}}; a refusal is {@code "success":false} with the
 * reason in {@code error}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FixDigitalReply(boolean success, List<Object> result, String error) {

    static FixDigitalReply succeeded() {
        return new FixDigitalReply(true, List.of(), null);
    }

    static FixDigitalReply failed(String reason) {
        return new FixDigitalReply(false, List.of(), reason);
    }
}
