package io.callbridge.dispatch.api;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantAuthenticator;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.dispatch.endpoint.CrmEndpoint;
import io.callbridge.dispatch.endpoint.EndpointDefinition;
import io.callbridge.dispatch.endpoint.EndpointRegistry;
import io.callbridge.dispatch.endpoint.EndpointStore;
import io.callbridge.dispatch.endpoint.InvalidEndpointException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.callbridge.dispatch.delivery.CrmDelivery;
import io.callbridge.dispatch.request.CrmRequest;
import io.callbridge.dispatch.outbox.DeliveryWorker;
import io.callbridge.dispatch.delivery.network.AddressGuard;
import io.callbridge.dispatch.status.EndpointEventRelay;

/** The caller's tenant's CRM endpoints: what each wants and how it is delivered to. */
@Path("/v1/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "endpoints")
public class EndpointResource {

    private final TenantAuthenticator authenticator;
    private final EndpointRegistry registry;
    private final EndpointStore store;
    private final CrmDelivery delivery;
    private final EndpointEventRelay relay;
    private final DeliveryWorker worker;
    private final AddressGuard guard;

    public EndpointResource(TenantAuthenticator authenticator, EndpointRegistry registry, EndpointStore store,
                            CrmDelivery delivery, EndpointEventRelay relay, DeliveryWorker worker,
                            AddressGuard guard) {
        this.guard = guard;
        this.relay = relay;
        this.worker = worker;
        this.authenticator = authenticator;
        this.registry = registry;
        this.store = store;
        this.delivery = delivery;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Defines an endpoint; its template and filters are checked against the call event now")
    @APIResponse(responseCode = "201", description = "Stored; events from now on are delivered to it")
    @APIResponse(responseCode = "400", description = "Invalid URL, template or filter; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "The preset's setting request (retailCRM) was refused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant has an endpoint of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Valid @NotNull EndpointDefinition definition) {
        TenantId tenant = authenticator.authenticate(authorization);
        String key = EndpointRegistry.key(tenant, definition.name());
        CrmEndpoint endpoint = compile(key, tenant, definition);
        Optional<CrmRequest> onCreation;
        try {
            onCreation = registry.onCreation(definition);
        } catch (InvalidEndpointException e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        Uni<Void> announced = onCreation.map(request -> announce(request, endpoint, tenant))
                .orElseGet(() -> Uni.createFrom().voidItem());
        return reachable(definition, tenant).chain(() -> announced).chain(() -> store.create(key, tenant.value(), registry.json(definition))).map(created -> {
            if (!created) {
                throw new ProblemException(new Problem("about:blank", "Conflict", 409,
                        "An endpoint named '" + definition.name() + "' exists already", List.of()), Map.of());
            }
            registry.defined(endpoint);
            return Response.created(URI.create("/v1/endpoints/" + definition.name()))
                    .entity(new EndpointView(definition.name(), definition, true, null, 0)).build();
        });
    }

    @GET
    @Operation(summary = "The tenant's endpoints")
    public Uni<List<EndpointView>> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TenantId tenant = authenticator.authenticate(authorization);
        return store.ofTenant(tenant.value()).map(stored -> stored.stream().map(this::view).toList());
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One endpoint, with whether it is enabled")
    @APIResponse(responseCode = "404", description = "The tenant has no endpoint of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndpointView> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @PathParam("name") String name) {
        TenantId tenant = authenticator.authenticate(authorization);
        return store.find(EndpointRegistry.key(tenant, name))
                .map(found -> found.filter(stored -> stored.definition() != null).map(this::view)
                        .orElseThrow(() -> notFound(name)));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces an endpoint's definition; deliveries not yet made follow the new one")
    @APIResponse(responseCode = "400", description = "Invalid URL, template or filter; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EndpointView> replace(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @PathParam("name") String name, @Valid @NotNull EndpointDefinition definition) {
        TenantId tenant = authenticator.authenticate(authorization);
        if (!name.equals(definition.name())) {
            throw ProblemException.badRequest("name", "must be the name in the path, '" + name + "'");
        }
        String key = EndpointRegistry.key(tenant, name);
        CrmEndpoint endpoint = compile(key, tenant, definition);
        return reachable(definition, tenant).chain(() -> store.replace(key, registry.json(definition))).chain(replaced -> {
            if (!replaced) {
                throw notFound(name);
            }
            registry.defined(endpoint);
            return get(authorization, name);
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Deletes an endpoint; its deliveries not yet made are dead")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @PathParam("name") String name) {
        TenantId tenant = authenticator.authenticate(authorization);
        String key = EndpointRegistry.key(tenant, name);
        return store.delete(key).map(deleted -> {
            if (!deleted) {
                throw notFound(name);
            }
            registry.deleted(key);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/{name}/enable")
    @Operation(summary = "Enables a disabled endpoint again; the deliveries that waited for it go out")
    public Uni<EndpointView> enable(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @PathParam("name") String name) {
        TenantId tenant = authenticator.authenticate(authorization);
        return store.enable(EndpointRegistry.key(tenant, name), "enabled through the API").chain(enabled -> {
            if (!enabled) {
                throw notFound(name);
            }
            relay.wake();
            worker.wake();
            return get(authorization, name);
        });
    }

    /** Refuses a URL whose host is an address the tenant's deliveries may not reach (SSRF), as delivery would. */
    private Uni<Void> reachable(EndpointDefinition definition, TenantId tenant) {
        return guard.refusalAtCreation(registry.host(definition), Optional.of(tenant)).invoke(refusal -> refusal
                .ifPresent(reason -> {
                    throw ProblemException.badRequest("urlTemplate", "refused: " + reason);
                })).replaceWithVoid();
    }

    /** The preset's request on creation: the endpoint is stored only once the CRM took it. */
    private Uni<Void> announce(CrmRequest request, CrmEndpoint endpoint, TenantId tenant) {
        return delivery.sendOnce(request, UUID.randomUUID(), endpoint.timeout(), tenant)
                .onFailure().transform(failure -> badGateway("The CRM was not reached: " + failure.getMessage()))
                .invoke(status -> {
                    if (status / 100 != 2) {
                        throw badGateway("The CRM refused the endpoint's setting with HTTP " + status);
                    }
                })
                .replaceWithVoid();
    }

    private static ProblemException badGateway(String detail) {
        return new ProblemException(new Problem("about:blank", "Bad Gateway", 502, detail, List.of()), Map.of());
    }

    private CrmEndpoint compile(String key, TenantId tenant, EndpointDefinition definition) {
        try {
            return registry.compile(key, tenant, definition);
        } catch (InvalidEndpointException e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
    }

    private EndpointView view(EndpointStore.Stored stored) {
        EndpointDefinition definition = registry.definition(stored.definition());
        return new EndpointView(definition.name(), definition, stored.enabled(), stored.disabledReason(),
                stored.failureStreak());
    }

    private static ProblemException notFound(String name) {
        return ProblemException.notFound("There is no endpoint named '" + name + "'");
    }
}
