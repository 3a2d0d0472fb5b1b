package io.callbridge.index.api;

import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.TenantId;
import io.callbridge.index.call.CallKey;
import io.callbridge.index.call.CallRepository;
import io.callbridge.index.call.RecordingRepository;
import io.callbridge.index.metrics.LookupMetrics;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a call with its recordings, in one session. */
@ApplicationScoped
public class CallLookup {

    private final CallRepository calls;
    private final RecordingRepository recordings;
    private final LookupMetrics metrics;

    public CallLookup(CallRepository calls, RecordingRepository recordings, LookupMetrics metrics) {
        this.calls = calls;
        this.recordings = recordings;
        this.metrics = metrics;
    }

    /** @throws ProblemException 404 when the tenant has no such call, whether or not another tenant has */
    @WithSession
    public Uni<CallView> find(TenantId tenant, String callId) {
        CallKey key = CallKey.of(tenant, callId);
        return metrics.timed(LookupMetrics.CALL, () -> calls.byKey(key)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No call '" + callId + "' is indexed"))
                .chain(call -> recordings.ofCall(key).map(stored -> CallView.of(call, stored))));
    }
}
