package io.callbridge.index.ingest;

import io.callbridge.index.call.IndexedRecording;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** The statements of a batch on the {@code recording} table, each one whatever the batch's size. */
@ApplicationScoped
public class RecordingStatements {

    /** Inserts new recordings in one statement, in the list's order (their ids follow it). */
    public Uni<Void> insert(SqlConnection connection, List<IndexedRecording> created) {
        if (created.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = created.size();
        String[] tenants = new String[n];
        String[] calls = new String[n];
        String[] locations = new String[n];
        String[] fileNames = new String[n];
        Boolean[] protectedFlags = new Boolean[n];
        for (int i = 0; i < n; i++) {
            IndexedRecording recording = created.get(i);
            tenants[i] = recording.tenant;
            calls[i] = recording.callId;
            locations[i] = recording.location;
            fileNames[i] = recording.fileName;
            protectedFlags[i] = recording.deletionProtected;
        }
        return connection.preparedQuery("""
                        INSERT INTO recording (tenant, call_id, location, file_name, deletion_protected,
                                               protected_on_request)
                        SELECT u.tenant, u.call_id, u.location, u.file_name, u.deletion_protected, false
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[])
                            WITH ORDINALITY AS u(tenant, call_id, location, file_name, deletion_protected, n)
                        ORDER BY u.n""")
                .execute(Tuple.from(Arrays.asList(tenants, calls, locations, fileNames, protectedFlags)))
                .replaceWithVoid();
    }

    /**
     * Writes back what events changed of stored recordings: their file name and deletion protection, never
     * {@code protected_on_request} (a CRM's request, which no event undoes).
     */
    public Uni<Void> update(SqlConnection connection, List<IndexedRecording> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = changed.size();
        Long[] ids = new Long[n];
        String[] fileNames = new String[n];
        Boolean[] protectedFlags = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ids[i] = changed.get(i).id;
            fileNames[i] = changed.get(i).fileName;
            protectedFlags[i] = changed.get(i).deletionProtected;
        }
        return connection.preparedQuery("""
                        UPDATE recording r SET file_name = u.file_name, deletion_protected = u.deletion_protected
                        FROM unnest($1::bigint[], $2::text[], $3::boolean[]) AS u(id, file_name, deletion_protected)
                        -- By the primary key: a join on the unnest alone may scan the whole table.
                        WHERE r.id = u.id AND r.id = ANY($1)""")
                .execute(Tuple.of(ids, fileNames, protectedFlags))
                .replaceWithVoid();
    }
}
