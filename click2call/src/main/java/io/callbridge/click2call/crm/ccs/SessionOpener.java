package io.callbridge.click2call.crm.ccs;

import io.callbridge.common.tenant.SecretHashes;
import io.callbridge.common.tenant.TenantId;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Opens sessions at login and finds the agent of a session at click2call. */
@ApplicationScoped
public class SessionOpener {

    private static final Duration SHORTEST = Duration.ofHours(8);
    private static final Duration LONGEST = Duration.ofHours(12);

    // Not static: Quarkus initializes classes while it builds a native executable, and a SecureRandom made then
    // would be seeded at build time (native-image refuses one in the image heap). The bean is made at run time.
    private final SecureRandom random = new SecureRandom();
    private final CrmSessions sessions;
    private final Duration lifetime;

    public SessionOpener(CrmSessions sessions, CrmSessionConfig config) {
        if (config.lifetime().compareTo(SHORTEST) < 0 || config.lifetime().compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("callbridge.click2call.crm-session.lifetime must be 8 to 12 hours, is "
                    + config.lifetime());
        }
        this.sessions = sessions;
        this.lifetime = config.lifetime();
    }

    /** @return the new session's value, given to the CRM once and stored only as a hash */
    @WithTransaction
    public Uni<String> open(TenantId tenant, String agent, Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CrmSession session = new CrmSession();
        session.sessionSha256 = SecretHashes.sha256Hex(value);
        session.tenant = tenant.value();
        session.agent = agent;
        session.createdAt = now;
        session.expiresAt = now.plus(lifetime);
        return sessions.persist(session).replaceWith(value);
    }

    /** The session still valid now, or null when it is unknown or expired. */
    public Uni<CrmSession> find(String value, Instant now) {
        return sessions.validAt(SecretHashes.sha256Hex(value), now);
    }
}
