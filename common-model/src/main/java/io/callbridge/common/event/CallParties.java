package io.callbridge.common.event;

import io.callbridge.common.phone.PhoneNumber;
import jakarta.validation.Valid;

/**
 * Who took part.
 *
 * @param customer   the outside party (ConVox {@code CallerID}/{@code MOBILE_NO}, FixDigital {@code sNumber})
 * @param did        the number the customer dialed, or the virtual number shown on an outbound call
 * @param extension  the agent's extension ({@code sExt}, {@code sExtension})
 * @param agentId    the agent's login in the contact center ({@code AgentID}, {@code USER_ID})
 * @param employeeId the PBX's employee id (UIS {@code employee_id})
 * @param station    the agent's station ({@code STATION})
 */
public record CallParties(
        @Valid PhoneNumber customer,
        @Valid PhoneNumber did,
        String extension,
        String agentId,
        String employeeId,
        String station) {

    public static final CallParties NONE = new CallParties(null, null, null, null, null, null);
}
