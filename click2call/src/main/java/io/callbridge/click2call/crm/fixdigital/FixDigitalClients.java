package io.callbridge.click2call.crm.fixdigital;

import io.callbridge.common.problem.Problem;
import io.callbridge.common.problem.ProblemException;
import io.callbridge.common.tenant.SecretHashes;
import io.callbridge.common.tenant.TenantId;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a FixDigital client's username and password AND the address it calls from: the document asks for both,
 * not either. Every allow-list entry is parsed at start, so a mistyped one stops the application.
 */
@Singleton
public class FixDigitalClients {

    private final Map<String, KnownClient> byId;

    public FixDigitalClients(FixDigitalConfig config) {
        this.byId = config.clients().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                client -> new KnownClient(TenantId.of(client.getValue().tenant()), client.getValue().username(),
                        client.getValue().passwordSha256().trim().toLowerCase(Locale.ROOT),
                        client.getValue().allowedAddresses().stream().map(AddressBlock::parse).toList())));
    }

    /**
     * @return the tenant the client acts for
     * @throws ProblemException 401 when the client is unknown or the username or password wrong (one answer for
     *                          all, so that it tells nothing of which), 403 when the address is not allowed
     */
    public TenantId authenticate(String clientId, String username, String password, String remoteAddress) {
        KnownClient client = byId.get(clientId);
        if (client == null || username == null || password == null || !client.username().equals(username)
                || !MessageDigest.isEqual(client.passwordSha256().getBytes(StandardCharsets.US_ASCII),
                SecretHashes.sha256Hex(password).getBytes(StandardCharsets.US_ASCII))) {
            throw new ProblemException(new Problem("about:blank", "Unauthorized", 401,
                    "Unknown ClientId, or a wrong username or password", List.of()),
                    Map.of("WWW-Authenticate", "Basic realm=\"sodialer\""));
        }
        if (client.allowed().stream().noneMatch(block -> block.contains(remoteAddress))) {
            throw ProblemException.forbidden("Requests of ClientId " + clientId + " are not accepted from "
                    + remoteAddress);
        }
        return client.tenant();
    }

    private record KnownClient(TenantId tenant, String username, String passwordSha256, List<AddressBlock> allowed) {
    }
}
