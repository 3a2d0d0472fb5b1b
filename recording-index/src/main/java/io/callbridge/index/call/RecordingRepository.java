package io.callbridge.index.call;

import io.callbridge.common.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The recordings of the calls. */
@ApplicationScoped
public class RecordingRepository implements PanacheRepository<IndexedRecording> {

    /** The call's recordings, in the order they became known. */
    @WithSession
    public Uni<List<IndexedRecording>> ofCall(CallKey call) {
        return list("tenant = ?1 and callId = ?2 order by id", call.tenant(), call.callId());
    }

    /** The recordings of the tenant's calls, in the order they became known. */
    @WithSession
    public Uni<List<IndexedRecording>> ofCalls(TenantId tenant, List<String> callIds) {
        return list("tenant = ?1 and callId in ?2 order by id", tenant.value(), callIds);
    }

    /** The tenant's recording of that id, or null. */
    @WithSession
    public Uni<IndexedRecording> byId(TenantId tenant, long id) {
        return find("id = ?1 and tenant = ?2", id, tenant.value()).firstResult();
    }
}
