package io.callbridge.click2call.call;

import io.callbridge.common.dial.DialRequest.DialStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stored dial requests. */
@ApplicationScoped
public class DialRecords implements PanacheRepositoryBase<DialRecord, UUID> {

    /** The tenant's request of that id, or null: another tenant's request is as good as absent. */
    @WithSession
    public Uni<DialRecord> ofTenant(String tenant, UUID requestId) {
        return find("tenant = ?1 and requestId = ?2", tenant, requestId).firstResult();
    }

    /** A request as a row of {@code dial_request} read with plain SQL. */
    static DialRecord fromRow(Row row) {
        DialRecord record = new DialRecord();
        record.requestId = row.getUUID("request_id");
        record.tenant = row.getString("tenant");
        record.agent = row.getString("agent");
        record.pbxAgent = row.getString("pbx_agent");
        record.numberRaw = row.getString("number_raw");
        record.numberE164 = row.getString("number_e164");
        record.callerId = row.getString("caller_id");
        record.status = DialStatus.valueOf(row.getString("status"));
        record.reason = row.getString("reason");
        record.pbxCallId = row.getString("pbx_call_id");
        record.requestedAt = row.getOffsetDateTime("requested_at").toInstant();
        record.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        record.traceparent = row.getString("traceparent");
        return record;
    }

    /** The request the PBX's call id belongs to, or null. */
    @WithSession
    public Uni<DialRecord> byPbxCallId(String tenant, String pbxCallId) {
        return find("tenant = ?1 and pbxCallId = ?2", tenant, pbxCallId).firstResult();
    }

    /**
     * The newest request to the number, dialed between the two moments and still open, that no PBX call id claims
     * yet: the one a call event without a known call id belongs to.
     */
    @WithSession
    public Uni<DialRecord> newestOpenTo(String tenant, String numberE164, Instant from, Instant until) {
        return find("tenant = ?1 and numberE164 = ?2 and requestedAt between ?3 and ?4 and status in ?5 "
                        + "and pbxCallId is null order by requestedAt desc",
                tenant, numberE164, from, until, List.of(DialStatus.DIALING, DialStatus.ANSWERED)).firstResult();
    }
}
