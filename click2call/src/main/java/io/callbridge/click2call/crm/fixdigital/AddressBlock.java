package io.callbridge.click2call.crm.fixdigital;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IP address or CIDR block of an allow-list. */
record AddressBlock(byte[] network, int prefixBits) {

    /**
     * @param block {@code 199.203.227.132}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}; literals only, never a host name
     * @throws IllegalArgumentException when it is none of these
     */
    static AddressBlock parse(String block) {
        String trimmed = block.trim();
        int slash = trimmed.indexOf('/');
        byte[] address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        int bits = slash < 0 ? address.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException("'" + block + "' has a prefix longer than its address");
        }
        return new AddressBlock(address, bits);
    }

    boolean contains(String address) {
        byte[] candidate;
        try {
            candidate = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        if (!Arrays.equals(candidate, 0, whole, network, 0, whole)) {
            return false;
        }
        int rest = prefixBits % 8;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || (candidate[whole] & mask) == (network[whole] & mask);
    }

    private static byte[] literal(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        try {
            // a literal of digits, dots and colons is parsed without any name lookup
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address", e);
        }
    }
}
