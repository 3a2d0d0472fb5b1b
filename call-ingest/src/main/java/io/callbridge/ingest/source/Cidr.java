package io.callbridge.ingest.source;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation ({@code 199.203.227.0/24}); a bare address is its own /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException when the text is not an address literal with an optional prefix length */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (address.isEmpty() || !isLiteral(address)) {
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
        return contains(addressOf(address));
    }

    /**
     * The bytes of an address literal, to be checked against several networks after one parse.
     *
     * @return null when the text is not an address literal (a host name is never resolved)
     */
    public static byte[] addressOf(String address) {
        if (address == null || address.isEmpty() || !isLiteral(address)) {
            return null;
        }
        try {
            return bytesOf(address, address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the address's bytes (from {@link #addressOf}) lie in this network; null never does. */
    public boolean contains(byte[] candidate) {
        if (candidate == null || candidate.length != network.length) {
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

    /** Hex digits, colons and dots only: what {@code [0-9a-fA-F:.]+} matches, without a regex per request. */
    private static boolean isLiteral(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytesOf(String address, String text) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR network", e);
        }
    }
}
