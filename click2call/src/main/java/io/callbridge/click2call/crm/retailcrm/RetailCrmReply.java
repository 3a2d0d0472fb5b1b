package io.callbridge.click2call.crm.retailcrm;

import com.fasterxml.jackson.annotation.JsonInclude;

/** retailCRM's answer shape: {@code {"success":true}}, or {@code "success":false} with {@code errorMsg}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetailCrmReply(boolean success, String errorMsg) {

    static RetailCrmReply succeeded() {
        return new RetailCrmReply(true, null);
    }
}
