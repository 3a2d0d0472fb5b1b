package io.callbridge.click2call.call;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.callbridge.common.dial.DialRequest;
import io.callbridge.common.dial.DialRequest.DialStatus;
import io.callbridge.common.phone.PhoneNumber;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A CRM's click to call.
 *
 * @param agent    the agent's extension or agent id, whose phone rings first
 * @param number   the customer's number, as the CRM has it
 * @param callerId the number to show to the customer, when the PBX lets us choose
 */
public record CallRequest(
        @Schema(example = "777")
        @NotNull
        @Pattern(regexp = "[A-Za-z0-9._@-]{1,32}", message = "must be 1 to 32 letters, digits, '.', '_', '@' or '-'")
        String agent,

        @Schema(example = "033004799")
        @NotBlank
        @Size(max = 32)
        String number,

        @Schema(example = "035551234")
        @Pattern(regexp = "\\+?[0-9]{3,20}", message = "must be 3 to 20 digits, with an optional leading '+'")
        String callerId) {

    /**
     * @param config where the CRM's numbers are local, and which kinds of number are refused
     * @throws ProblemException 400 naming {@code number} when it is not a real phone number (an extension, too
     *                          short, letters) or one of a refused kind (premium rate)
     */
    public DialRequest toDialRequest(TenantId tenant, CallConfig config, Instant at) {
        return toDialRequest(UUID.randomUUID(), tenant, config, at);
    }

    /**
     * {@link #toDialRequest(TenantId, CallConfig, Instant)} under a given request id: placing a request of an id
     * already stored never dials again (a follow-up is placed under its own id).
     */
    public DialRequest toDialRequest(UUID requestId, TenantId tenant, CallConfig config, Instant at) {
        String defaultRegion = config.defaultRegion();
        PhoneNumber parsed = PhoneNumber.parse(number, defaultRegion);
        if (parsed.type() != PhoneNumber.Type.E164) {
            throw ProblemException.badRequest("number", "'" + number + "' is not a valid phone number in region "
                    + defaultRegion + " or in international form");
        }
        // the kind takes a dozen regular expressions to find: only when some kind is refused
        Set<PhoneNumberUtil.PhoneNumberType> refused = config.refusedNumberTypes().orElse(Set.of());
        if (!refused.isEmpty()) {
            PhoneNumberUtil.PhoneNumberType kind = kindOf(parsed);
            if (refused.contains(kind)) {
                throw ProblemException.badRequest("number", "'" + number + "' is a " + kind + " number, to which no"
                        + " call is placed");
            }
        }
        return new DialRequest(DialRequest.SCHEMA_VERSION, requestId, tenant, agent, parsed, callerId,
                DialStatus.REQUESTED, null, at);
    }

    private static PhoneNumberUtil.PhoneNumberType kindOf(PhoneNumber number) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.getNumberType(util.parse(number.e164(), null));
        } catch (NumberParseException e) {
            // parse() has just formatted this E.164 number, so it always reads back
            throw new IllegalStateException(e);
        }
    }
}
