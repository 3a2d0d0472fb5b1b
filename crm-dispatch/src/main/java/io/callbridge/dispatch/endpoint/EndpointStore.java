package io.callbridge.dispatch.endpoint;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints in PostgreSQL: every endpoint's state (enabled or not), and the definitions of those made through
 * the API. A deleted endpoint keeps its row, without a definition, for its deliveries' sake.
 */
@ApplicationScoped
public class EndpointStore {

    /**
     * A stored endpoint.
     *
     * @param key            its name in the outbox
     * @param tenant         its tenant, for those made through the API
     * @param definition     its definition as JSON, for those made through the API
     * @param enabled        whether deliveries go out to it
     * @param disabledReason why not
     * @param failureStreak  failed attempts in a row
     */
    public record Stored(String key, String tenant, String definition, boolean enabled, String disabledReason,
                         int failureStreak) {
    }

    private final Pool pool;

    EndpointStore(Pool pool) {
        this.pool = pool;
    }

    /** Makes sure each endpoint has its state row; an existing one (disabled, say) is left as it is. */
    public Uni<Void> register(Collection<String> keys) {
        return pool.preparedQuery("INSERT INTO endpoint (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(keys.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The endpoints made through the API and not deleted. */
    public Uni<List<Stored>> defined() {
        return pool.query(SELECT + " WHERE definition IS NOT NULL").execute().map(EndpointStore::stored);
    }

    public Uni<List<Stored>> ofTenant(String tenant) {
        return pool.preparedQuery(SELECT + " WHERE tenant = $1 AND definition IS NOT NULL ORDER BY name")
                .execute(Tuple.of(tenant)).map(EndpointStore::stored);
    }

    public Uni<Optional<Stored>> find(String key) {
        return pool.preparedQuery(SELECT + " WHERE name = $1").execute(Tuple.of(key))
                .map(rows -> stored(rows).stream().findFirst());
    }

    /** @return false when an endpoint of that key exists already */
    public Uni<Boolean> create(String key, String tenant, String definition) {
        return pool.preparedQuery("""
                        INSERT INTO endpoint (name, tenant, definition) VALUES ($1, $2, $3::text::jsonb)
                        ON CONFLICT (name) DO UPDATE SET tenant = $2, definition = $3::text::jsonb, enabled = true,
                            disabled_reason = NULL, disabled_at = NULL, failure_streak = 0
                        WHERE endpoint.definition IS NULL AND endpoint.tenant = $2
                        RETURNING name""")
                .execute(Tuple.of(key, tenant, definition)).map(rows -> rows.rowCount() == 1);
    }

    /** @return false when there is no such endpoint */
    public Uni<Boolean> replace(String key, String definition) {
        return pool.preparedQuery("""
                        UPDATE endpoint SET definition = $2::text::jsonb
                        WHERE name = $1 AND definition IS NOT NULL""")
                .execute(Tuple.of(key, definition)).map(rows -> rows.rowCount() == 1);
    }

    /** Deletes the definition; the endpoint's pending deliveries are dead. @return false when there was none */
    public Uni<Boolean> delete(String key) {
        return pool.preparedQuery("""
                        WITH dead AS (
                            UPDATE delivery SET state = 'DEAD', last_outcome = 'the endpoint was deleted',
                                finished_at = now()
                            WHERE endpoint = $1 AND state = 'PENDING')
                        UPDATE endpoint SET definition = NULL, enabled = false, disabled_reason = 'deleted',
                            disabled_at = now()
                        WHERE name = $1 AND definition IS NOT NULL""")
                .execute(Tuple.of(key)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Enables the endpoint again, recording why (the notification says it): its waiting deliveries are due at once,
     * in their calls' order as always. @return false when there is no such endpoint
     */
    public Uni<Boolean> enable(String key, String reason) {
        return pool.preparedQuery("""
                        WITH resumed AS (
                            UPDATE delivery SET next_attempt_at = now()
                            WHERE endpoint = $1 AND state = 'PENDING' AND next_attempt_at > now()
                              AND EXISTS (SELECT 1 FROM endpoint WHERE name = $1 AND NOT enabled))
                        UPDATE endpoint SET enabled = true, disabled_reason = NULL, disabled_at = NULL,
                            failure_streak = 0, enabled_reason = $2
                        WHERE name = $1 AND (definition IS NOT NULL OR tenant IS NULL)""")
                .execute(Tuple.of(key, reason)).map(rows -> rows.rowCount() == 1);
    }

    private static final String SELECT =
            "SELECT name, tenant, definition::text AS definition, enabled, disabled_reason, failure_streak FROM endpoint";

    private static List<Stored> stored(RowSet<Row> rows) {
        List<Stored> stored = new ArrayList<>(rows.size());
        for (Row row : rows) {
            stored.add(new Stored(row.getString("name"), row.getString("tenant"), row.getString("definition"),
                    row.getBoolean("enabled"), row.getString("disabled_reason"), row.getInteger("failure_streak")));
        }
        return stored;
    }
}
