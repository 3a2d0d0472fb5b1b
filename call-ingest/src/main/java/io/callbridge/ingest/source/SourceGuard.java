package io.callbridge.ingest.source;

import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.SecretHashes;
import io.callbridge.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a request through only from an allowed network and with valid credentials (both, when both are
 * configured: the FixDigital document asks for credentials plus "security based on IP address").
 */
@ApplicationScoped
public class SourceGuard {

    private static final String BASIC = "basic ";

    private final Map<String, List<Cidr>> networks = new ConcurrentHashMap<>();

    /**
     * @param source        the source the request claims to come from
     * @param remoteAddress the peer's address literal
     * @param header        reads a request header by name (null when absent)
     * @param parameters    the request's query and form fields
     * @throws ProblemException 403 from outside the allowed networks, 401 without valid credentials
     */
    public void admit(SourceContext source, String remoteAddress, java.util.function.Function<String, String> header,
                      Map<String, String> parameters) {
        List<Cidr> allowed = networks.computeIfAbsent(source.name(), n -> source.config().allowedNetworks()
                .orElse(List.of()).stream().map(Cidr::parse).toList());
        if (!allowed.isEmpty() && !anyContains(allowed, Cidr.addressOf(remoteAddress))) {
            throw ProblemException.forbidden("Requests of source '" + source.name() + "' may not come from "
                    + remoteAddress);
        }
        IngestConfig.Auth auth = source.config().auth();
        boolean tokenConfigured = auth.tokenSha256().isPresent();
        boolean basicConfigured = auth.username().isPresent();
        if (!tokenConfigured && !basicConfigured) {
            return;
        }
        if (tokenConfigured) {
            String token = Optional.ofNullable(header.apply(auth.tokenHeader()))
                    .orElse(parameters.get(auth.tokenParameter()));
            if (token != null && matches(auth.tokenSha256().get(), token)) {
                return;
            }
        }
        if (basicConfigured && basicMatches(auth, header.apply("Authorization"))) {
            return;
        }
        throw ProblemException.unauthorized("Source '" + source.name() + "' requires valid credentials");
    }

    private static boolean anyContains(List<Cidr> networks, byte[] address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean basicMatches(IngestConfig.Auth auth, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && MessageDigest.isEqual(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8),
                auth.username().orElseThrow().getBytes(StandardCharsets.UTF_8))
                && matches(auth.passwordSha256().orElse(List.of()), decoded.substring(colon + 1));
    }

    private static boolean matches(List<String> hashes, String secret) {
        byte[] hash = SecretHashes.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String expected : hashes) {
            // Compare every hash in constant time, so the answer's timing tells nothing.
            found |= MessageDigest.isEqual(expected.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                    hash);
        }
        return found;
    }

}
