package io.callbridge.click2call.crm.convox;

import io.callbridge.click2call.followup.FollowUpBook;
import io.callbridge.click2call.pbx.TenantDialers;
import io.callbridge.click2call.pbx.convox.ConvoxCallControl;
import io.callbridge.click2call.tenant.CallingTenant;
import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.click2call.outage.Outages;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * ConVox's end call / disposition ({@code callcontrol_api.php}, {@code ACTION=CLOSE}), GET or POST, for a tenant
 * whose PBX is ConVox: forwarded to the tenant's ConVox server. A follow-up ({@code set_followUp}) is kept here and
 * placed by this service at {@code callback_date} {@code callback_hrs}:{@code callback_mins} (the server's zone),
 * so it is not forwarded: ConVox placing it too would ring the customer twice.
 */
@Path("/v1/convox/callcontrol_api.php")
@Tag(name = "ConVox end call and disposition")
public class DispositionResource {

    private static final Set<String> YES = Set.of("1", "y", "yes", "true", "on");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd-MM-yyyy"), DateTimeFormatter.ofPattern("dd/MM/yyyy"));

    private final CallingTenant tenant;
    private final TenantDialers dialers;
    private final ConvoxCallControl convox;
    private final FollowUpBook followUps;

    public DispositionResource(CallingTenant tenant, TenantDialers dialers, ConvoxCallControl convox,
                               FollowUpBook followUps) {
        this.tenant = tenant;
        this.dialers = dialers;
        this.convox = convox;
        this.followUps = followUps;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "End and dispose of a ConVox call, optionally with a follow-up callback")
    public Uni<Disposed> close(@Context UriInfo uri) {
        return close(new ConvoxParameters(uri.getQueryParameters()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "End and dispose of a ConVox call, optionally with a follow-up callback")
    public Uni<Disposed> closePosted(MultivaluedMap<String, String> form) {
        return close(new ConvoxParameters(form));
    }

    private Uni<Disposed> close(ConvoxParameters parameters) {
        TenantId owner = tenant.get();
        if (!"CLOSE".equalsIgnoreCase(parameters.required("ACTION"))) {
            throw ProblemException.badRequest("ACTION", "must be CLOSE");
        }
        String agent = parameters.required("agent_id");
        String convoxId = parameters.required("convoxid");
        String disposition = parameters.required("disposition");
        String mobileNumber = parameters.required("mobile_number");
        boolean followUp = parameters.optional("set_followUp") != null
                && YES.contains(parameters.optional("set_followUp").toLowerCase(Locale.ROOT));
        String pbxAgent = dialers.pbxAgent(owner, agent);
        if (!convox.serves(owner.value())) {
            throw new ProblemException(new Problem("about:blank", "Conflict", 409, "Tenant " + owner.value()
                    + " has no ConVox server taking dispositions", List.of()), Map.of());
        }
        Instant dueAt = followUp ? dueAt(parameters, owner) : null;

        LinkedHashMap<String, String> forwarded = new LinkedHashMap<>();
        forwarded.put("ACTION", "CLOSE");
        forwarded.put("agent_id", pbxAgent);
        forwarded.put("convoxid", convoxId);
        forwarded.put("disposition", disposition);
        forwarded.put("mobile_number", mobileNumber);
        return convox.send(owner.value(), forwarded)
                .chain(() -> followUp
                        ? followUps.book(owner.value(), agent, mobileNumber, convoxId, disposition, dueAt)
                        .map(booked -> new Disposed(true, booked.id, booked.dueAt))
                        : Uni.createFrom().item(new Disposed(true, null, null)))
                .plug(Outages.answeredUnavailable());
    }

    private Instant dueAt(ConvoxParameters parameters, TenantId owner) {
        String date = parameters.required("callback_date");
        LocalDate day = DATES.stream().map(format -> {
            try {
                return LocalDate.parse(date, format);
            } catch (DateTimeParseException e) {
                return null;
            }
        }).filter(Objects::nonNull).findFirst().orElseThrow(() ->
                ProblemException.badRequest("callback_date", "must be yyyy-MM-dd, dd-MM-yyyy or dd/MM/yyyy"));
        LocalTime time;
        try {
            time = LocalTime.of(number(parameters, "callback_hrs"), number(parameters, "callback_mins"));
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("callback_hrs", "callback_hrs must be 0 to 23 and callback_mins 0 to 59");
        }
        return day.atTime(time).atZone(convox.zoneOf(owner.value())).toInstant();
    }

    private static int number(ConvoxParameters parameters, String name) {
        try {
            return Integer.parseInt(parameters.required(name));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number");
        }
    }

    /**
     * @param forwarded  whether ConVox took the disposition (always true in a 200)
     * @param followUpId the follow-up kept, when one was asked for
     * @param callbackAt when it will be placed
     */
    public record Disposed(boolean forwarded, UUID followUpId, Instant callbackAt) {
    }
}
