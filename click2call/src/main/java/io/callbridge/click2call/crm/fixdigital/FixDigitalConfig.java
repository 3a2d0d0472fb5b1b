package io.callbridge.click2call.crm.fixdigital;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Map;

/** The FixDigital CRMs allowed to ask for calls through {@code /dialer/sodialer.php} (document 004). */
@ConfigMapping(prefix = "callbridge.click2call.fixdigital")
public interface FixDigitalConfig {

    /** Each FixDigital client, by its {@code ClientId} (e.g. {@code 10}). */
    Map<String, Client> clients();

    /** One FixDigital client: whose calls it asks for, and how it proves it is that client. */
    interface Client {

        /** Our tenant whose agents and PBX the client's calls use. */
        String tenant();

        /** The username the client sends. */
        String username();

        /** Lower-case hex SHA-256 of the client's password, so that no password is written in configuration. */
        String passwordSha256();

        /**
         * The addresses the client calls from, each an IP address ({@code 199.203.227.132}) or a CIDR block
         * ({@code 10.0.0.0/8}); a request from elsewhere is refused even with the right password.
         */
        List<String> allowedAddresses();
    }
}
