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

    /** The recordings of these calls (one statement, whatever their number), in the order they became known. */
    @WithSession
    public Uni<List<IndexedRecording>> ofCalls(List<CallKey> calls) {
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder sql = new StringBuilder("SELECT r.* FROM recording r WHERE (r.tenant, r.call_id) IN (");
        for (int i = 0; i < calls.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:t").append(i).append(", :c").append(i).append(')');
        }
        sql.append(") ORDER BY r.id");
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), IndexedRecording.class);
            for (int i = 0; i < calls.size(); i++) {
                query.setParameter("t" + i, calls.get(i).tenant()).setParameter("c" + i, calls.get(i).callId());
            }
            return query.getResultList();
        });
    }

    /** Inserts new recordings in one statement, in the list's order (their ids follow it). */
    @WithSession
    public Uni<Integer> insertAll(List<IndexedRecording> created) {
        if (created.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO recording (tenant, call_id, location, file_name,"
                + " deletion_protected, protected_on_request) VALUES ");
        for (int i = 0; i < created.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:t").append(i).append(", :c").append(i).append(", :l").append(i)
                    .append(", :f").append(i).append(", cast(:d").append(i).append(" AS boolean), false)");
        }
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < created.size(); i++) {
                IndexedRecording recording = created.get(i);
                query.setParameter("t" + i, recording.tenant)
                        .setParameter("c" + i, recording.callId)
                        .setParameter("l" + i, recording.location)
                        .setParameter("f" + i, recording.fileName)
                        .setParameter("d" + i, recording.deletionProtected);
            }
            return query.executeUpdate();
        });
    }
}
