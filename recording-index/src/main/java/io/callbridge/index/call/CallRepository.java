package io.callbridge.index.call;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The calls of the index, by tenant and call id. */
@ApplicationScoped
public class CallRepository implements PanacheRepositoryBase<IndexedCall, CallKey> {

    private static final Comparator<CallKey> KEY_ORDER =
            Comparator.comparing(CallKey::tenant).thenComparing(CallKey::callId);

    /** The call, or null when the index has none of that key. */
    @WithSession
    public Uni<IndexedCall> byKey(CallKey key) {
        return findById(key);
    }

    /**
     * The calls of these keys that the index has, locked until the transaction ends; a key without a call is absent
     * from the map (its call is to be created, {@link #persist}). Rows are locked in key order, so that two
     * transactions never wait for each other in a circle. Two first events of one call may race to create it (the
     * partition key serializes them, except while a rebalance hands the partition over): the loser's insert fails
     * on the primary key and its transaction is retried, then finding the row.
     */
    @WithSession
    public Uni<Map<CallKey, IndexedCall>> lockExisting(Collection<CallKey> keys) {
        List<CallKey> ordered = keys.stream().distinct().sorted(KEY_ORDER).toList();
        if (ordered.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        StringBuilder sql = new StringBuilder("SELECT c.* FROM call c WHERE (c.tenant, c.call_id) IN (");
        for (int i = 0; i < ordered.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:t").append(i).append(", :c").append(i).append(')');
        }
        sql.append(") ORDER BY c.tenant, c.call_id FOR UPDATE");
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), IndexedCall.class);
            for (int i = 0; i < ordered.size(); i++) {
                query.setParameter("t" + i, ordered.get(i).tenant()).setParameter("c" + i, ordered.get(i).callId());
            }
            return query.getResultList();
        }).map(locked -> locked.stream().collect(Collectors.toMap(call -> call.key, Function.identity())));
    }
}
