package io.callbridge.ingest.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation ({@code 199.203.227.0/24}); a bare address is its own /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** @throws IllegalArgumentException when the text is not an address literal with an optional prefix length */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            // InetAddress would resolve a host name: an allow-list is addresses only.
            throw new IllegalArgumentException("'" + text + "' is not a CIDR network");
        }
        byte[] bytes = bytesOf(address, text);
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
        }
        return new Cidr(bytes, prefix);
    }

    /** Whether the address (a literal, as the HTTP layer reports the peer) lies in this network. */
    public boolean contains(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] candidate;
        try {
            candidate = bytesOf(address, address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    private static byte[] bytesOf(String address, String text) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR network", e);
        }
    }
}
