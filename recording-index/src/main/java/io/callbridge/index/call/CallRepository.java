package io.callbridge.index.call;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The calls of the index, by tenant and call id. */
@ApplicationScoped
public class CallRepository implements PanacheRepositoryBase<IndexedCall, CallKey> {

    /** The call, or null when the index has none of that key. */
    @WithSession
    public Uni<IndexedCall> byKey(CallKey key) {
        return findById(key);
    }
}
