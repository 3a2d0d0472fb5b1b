package io.callbridge.common.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The form in which API keys, tokens, passwords and sessions are configured and stored: never as themselves, only
 * as the lower-case hex SHA-256 of their UTF-8 bytes ({@code printf %s SECRET | sha256sum}).
 */
public final class SecretHashes {

    private SecretHashes() {
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes. */
    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
